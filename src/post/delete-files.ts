import * as core from './commands.js'
import { rmSync, statSync } from 'node:fs'
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
      ? [
          `left ${foreign.join(', ')} alone: the action writes only under ${dir}${runnerTempProblem(env)}`
        ]
      : [])
  ]
  if (problems.length) throw new Error(problems.join('; '))
}

function isInside(dir: string, file: string): boolean {
  if (!isAbsolute(file)) return false
  const path = relative(dir, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

// Main's files are found through RUNNER_TEMP: when post has none it can use, the files main wrote
// there look foreign, and the warning says why rather than suggest forged state.
function runnerTempProblem(env: NodeJS.ProcessEnv): string {
  const temp = env.RUNNER_TEMP
  if (!temp) return ' (RUNNER_TEMP is not set in this step)'
  try {
    if (statSync(temp).isDirectory()) return ''
  } catch {
    // Missing, or under a file: not a directory either.
  }
  return ` (RUNNER_TEMP, ${temp}, is not a directory in this step)`
}
