import { rmSync } from 'node:fs'
import { exportVariable, setOutput } from './file-commands.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import type { WrittenFileRecord } from '../state/written-files.js'
import type { EnvChanges } from './env-changes.js'

/**
 * What publish has changed so far, to take back when a later write fails: the variables with the
 * values they had before publish began, the outputs set, and the files written.
 */
export class PublishUndo {
  readonly #env: NodeJS.ProcessEnv
  readonly #before = new Map<string, string>()
  readonly #outputs = new Set<string>()
  readonly #files: WrittenFileRecord
  /** How many files the step had written before publish began: those stay. */
  readonly #filesBefore: number

  constructor(env: NodeJS.ProcessEnv, files: WrittenFileRecord) {
    this.#env = env
    this.#files = files
    this.#filesBefore = files.paths.length
  }

  /**
   * Exports through `changes`, keeping, for each variable that reached GITHUB_ENV, the value it
   * had before publish began.
   */
  exportAll(changes: EnvChanges, values: Readonly<Record<string, string>>): void {
    const earlier = new Map(Object.keys(values).map((name) => [name, this.#env[name] ?? '']))
    changes.exportAll(values, (name) => {
      if (!this.#before.has(name)) this.#before.set(name, earlier.get(name) ?? '')
    })
  }

  /** Sets an output, remembered once it is written. */
  setOutput(name: string, value: string): void {
    setOutput(name, value)
    this.#outputs.add(name)
  }

  /** Publish's own files: an Identity Center session's token stays, for post to sign out. */
  get #written(): readonly string[] {
    return this.#files.paths.slice(this.#filesBefore)
  }

  get changedAnything(): boolean {
    return this.#before.size + this.#outputs.size + this.#written.length > 0
  }

  /**
   * Sets every variable back, blanks every output and deletes every file; each part is tried
   * whatever became of the others. The error says what was undone and what could not be.
   */
  undo(err: unknown): ActionError {
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
    for (const [name, value] of this.#before)
      attempt(`${value ? 'restored' : 'blanked'} ${name}`, () => exportVariable(name, value))
    for (const name of this.#outputs) attempt(`blanked output ${name}`, () => setOutput(name, ''))
    for (const file of this.#written)
      attempt(`deleted ${file}`, () => rmSync(file, { force: true }))
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
}
