import * as core from './commands.js'
import { rmSync } from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import { actionTempDir } from '../state/secure-file.js'

/**
 * Deletes every file main listed; one that cannot be deleted does not keep the rest. Main writes
 * only under the action's own directory in RUNNER_TEMP, so a path anywhere else came from damaged
 * or forged state and is left alone: the workspace is not post's to delete.
 */
export function deleteWrittenFiles(env: NodeJS.ProcessEnv): void {
  const files = savedState(env, STATE_KEYS.writtenFiles) ?? []
  core.debug(`post: main recorded ${files.length} file${files.length === 1 ? '' : 's'} to delete`)
  const dir = actionTempDir(env)
  const deleted: string[] = []
  const failed: string[] = []
  const foreign: string[] = []
  for (const file of files) {
    if (!isInside(dir, file)) {
      foreign.push(file)
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
    ...(foreign.length
      ? [`left ${foreign.join(', ')} alone: the action writes only under ${dir}`]
      : [])
  ]
  if (problems.length) throw new Error(problems.join('; '))
}

function isInside(dir: string, file: string): boolean {
  if (!isAbsolute(file)) return false
  const path = relative(dir, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}
