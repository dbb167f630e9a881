import * as core from './commands.js'
import { rmSync } from 'node:fs'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'

/** Deletes every file main listed; one that cannot be deleted does not keep the rest. */
export function deleteWrittenFiles(env: NodeJS.ProcessEnv): void {
  const files = savedState(env, STATE_KEYS.writtenFiles) ?? []
  core.debug(`post: main recorded ${files.length} file${files.length === 1 ? '' : 's'} to delete`)
  const deleted: string[] = []
  const failed: string[] = []
  for (const file of files) {
    try {
      rmSync(file, { force: true })
      deleted.push(file)
    } catch (err) {
      failed.push(`${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
    }
  }
  if (deleted.length) core.info(`Deleted ${deleted.join(', ')}.`)
  if (failed.length) throw new Error(`could not delete ${failed.join(', ')}`)
}
