import { dirname } from 'node:path'
import { recordOwnDirectory } from './own-directory.js'
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

  /**
   * Called once the file's directory is made and checked, before the file is written. The first
   * path first records the directory itself, which post needs to delete anything from it.
   */
  add(path: string): void {
    if (this.#paths.length === 0) recordOwnDirectory(dirname(path), this.#save)
    this.#paths.push(path)
    this.#save(STATE_KEYS.writtenFiles, this.#paths)
  }
}
