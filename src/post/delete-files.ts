import * as core from './commands.js'
import { rmSync } from 'node:fs'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import { ownFiles } from './own-files.js'

/**
 * Deletes every file main listed; one that cannot be deleted does not keep the rest. Only what
 * ownFiles accepts as main's goes: a path anywhere else came from damaged or forged state and is
 * left alone, as the workspace is not post's to delete.
 */
export function deleteWrittenFiles(env: NodeJS.ProcessEnv): void {
  const files = savedState(env, STATE_KEYS.writtenFiles) ?? []
  core.debug(`post: main recorded ${files.length} file${files.length === 1 ? '' : 's'} to delete`)
  const whyNotOurs = ownFiles(env)
  const deleted: string[] = []
  const failed: string[] = []
  const foreign = new Map<string, string[]>()
  for (const file of files) {
    const why = whyNotOurs(file)
    if (why) {
      foreign.set(why, [...(foreign.get(why) ?? []), file])
      continue
    }
    try {
      rmSync(file, { force: true })
      deleted.push(file)
    } catch (err) {
      failed.push(`${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
    }
  }
  if (deleted.length) core.info(`Deleted ${deleted.join(', ')}.`)
  const problems = [
    ...(failed.length ? [`could not delete ${failed.join(', ')}`] : []),
    ...[...foreign].map(([why, left]) => `left ${left.join(', ')} alone: ${why}`)
  ]
  if (problems.length) throw new Error(problems.join('; '))
}
