import { exportVariable, saveState } from './file-commands.js'
import { digestOf } from '../state/env-change.js'
import type { EnvChange } from '../state/env-change.js'
import { STATE_KEYS } from '../state/keys.js'
import type { SaveState } from '../state/schema.js'
import { actionTempDir, writeSecureFile } from '../state/secure-file.js'
import type { WrittenFileRecord } from '../state/written-files.js'

const save: SaveState = saveState

/**
 * Exports variables for the following steps and keeps what post needs to undo exactly that:
 * in state, which variables changed and a fingerprint of each new value; in a 0600 file, the
 * values they held before. Both are saved before anything is exported, so a failure half-way is
 * undone too.
 */
export class EnvChanges {
  readonly #env: NodeJS.ProcessEnv
  readonly #files: WrittenFileRecord
  readonly #changes = new Map<string, EnvChange>()
  readonly #previous: Record<string, string> = {}

  constructor(env: NodeJS.ProcessEnv, files: WrittenFileRecord) {
    this.#env = env
    this.#files = files
  }

  /** `exported` hears of each variable once it is in GITHUB_ENV, for an undo to know which are. */
  exportAll(values: Readonly<Record<string, string>>, exported?: (name: string) => void): void {
    let morePrevious = false
    for (const [name, value] of Object.entries(values)) {
      const earlier = this.#changes.get(name)
      const before = this.#env[name]
      if (!earlier && before) {
        this.#previous[name] = before
        morePrevious = true
      }
      const restores = earlier ? earlier.restores : !!before
      this.#changes.set(name, { name, restores, digest: digestOf(value) })
    }
    if (morePrevious) this.#savePrevious()
    save(STATE_KEYS.envChanges, [...this.#changes.values()])
    for (const [name, value] of Object.entries(values)) {
      exportVariable(name, value)
      exported?.(name)
    }
  }

  get names(): string[] {
    return [...this.#changes.keys()]
  }

  /** A new file each time, so post never reads one half-written; post deletes them all. */
  #savePrevious(): void {
    // Named after the state key that points to it.
    // The pointer moves only once the new file is whole: until then post reads the earlier one.
    const file = writeSecureFile(
      actionTempDir(this.#env),
      STATE_KEYS.previousValues,
      JSON.stringify(this.#previous),
      (path) => this.#files.add(path)
    )
    save(STATE_KEYS.previousValues, file)
  }
}
