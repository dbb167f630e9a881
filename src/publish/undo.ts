import { setOutput } from './file-commands.js'
import type { ActionError } from '../errors/index.js'
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
   * Sets every variable back, blanks every output and deletes every file; the error says what was
   * undone and what could not be. The undoing loads only when a write has failed.
   */
  async undo(err: unknown): Promise<ActionError> {
    const { takeBack } = await import('./take-back.js')
    return takeBack({ before: this.#before, outputs: this.#outputs, written: this.#written }, err)
  }
}
