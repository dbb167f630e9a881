import * as core from '@actions/core'
import { digestOf, STATE_KEY } from './env-change-record.js'
import type { EnvChange } from './env-change-record.js'

/**
 * Exports variables for the following steps and keeps, in the action's state, what post needs to
 * undo exactly that. The state is saved after every change, so a failure half-way is undone too.
 */
export class EnvChanges {
  readonly #env: NodeJS.ProcessEnv
  readonly #changes = new Map<string, EnvChange>()

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env
  }

  exportAll(values: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(values)) {
      const earlier = this.#changes.get(name)
      const previous = earlier ? earlier.previous : this.#env[name] || null
      this.#changes.set(name, { name, previous, digest: digestOf(value) })
      core.exportVariable(name, value)
    }
    core.saveState(STATE_KEY, JSON.stringify([...this.#changes.values()]))
  }

  get names(): string[] {
    return [...this.#changes.keys()]
  }
}
