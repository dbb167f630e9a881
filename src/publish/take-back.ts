import { rmSync } from 'node:fs'
import { exportVariable, setOutput } from './file-commands.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

/** What publish had changed when a write failed: see PublishUndo. */
export interface PublishedSoFar {
  /** Each variable that reached GITHUB_ENV, with the value it had before publish began. */
  readonly before: ReadonlyMap<string, string>
  readonly outputs: ReadonlySet<string>
  readonly written: readonly string[]
}

/**
 * Sets every variable back, blanks every output and deletes every file; each part is tried
 * whatever became of the others. The error says what was undone and what could not be.
 */
export function takeBack(done: PublishedSoFar, err: unknown): ActionError {
  const undone: string[] = []
  const failed: string[] = []
  const attempt = (what: string, change: () => void) => {
    try {
      change()
      undone.push(what)
    } catch (undoErr) {
      failed.push(`${what} (${(undoErr as Error).message})`)
    }
  }
  for (const [name, value] of done.before)
    attempt(`${value ? 'restored' : 'blanked'} ${name}`, () => exportVariable(name, value))
  for (const name of done.outputs) attempt(`blanked output ${name}`, () => setOutput(name, ''))
  for (const file of done.written) attempt(`deleted ${file}`, () => rmSync(file, { force: true }))
  return new ActionError(
    PROBLEMS.exportFailed,
    [`a write failed after others had succeeded: ${(err as Error).message}`],
    [
      undone.length ? `Undone: ${undone.join(', ')}.` : 'Nothing needed undoing.',
      failed.length
        ? `Could not undo: ${failed.join('; ')}. Later steps may see these; the post step clears them.`
        : 'Nothing of this step stays usable by later steps, `if: always()` ones included.',
      'Check that GITHUB_ENV, GITHUB_OUTPUT and RUNNER_TEMP are writable files and directories on a disk with room.'
    ],
    { cause: err }
  )
}
