import { STATE_KEYS } from './keys.js'
import type { SaveState } from './schema.js'

/**
 * Every file main writes, saved in state as soon as it exists, so post deletes it whatever happens
 * next. Main hands it core.saveState: this folder stays free of @actions/core for post's sake.
 */
export class WrittenFileRecord {
  readonly #paths: string[] = []
  readonly #save: SaveState

  constructor(save: SaveState) {
    this.#save = save
  }

  /** Every path recorded so far, in order. */
  get paths(): readonly string[] {
    return [...this.#paths]
  }

  add(path: string): void {
    this.#paths.push(path)
    this.#save(STATE_KEYS.writtenFiles, this.#paths)
  }
}
