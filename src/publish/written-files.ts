import * as core from '@actions/core'
import { FILES_STATE_KEY } from '../post/delete-files.js'

/** Every file main writes, saved in state as soon as it exists, so post deletes it whatever happens next. */
export class WrittenFileRecord {
  readonly #paths: string[] = []

  add(path: string): void {
    this.#paths.push(path)
    core.saveState(FILES_STATE_KEY, JSON.stringify(this.#paths))
  }
}
