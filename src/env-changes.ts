import * as core from '@actions/core'
import { createHash } from 'node:crypto'

/** One variable the action set: what it held before, and a digest of what the action put there. */
export interface EnvChange {
  readonly name: string
  readonly previous: string | null
  readonly digest: string
}

export const STATE_KEY = 'env-changes'

/** A digest lets post recognise its own value without the state holding the new secret. */
export function digestOf(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32)
}

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

/** Reads what main recorded; an absent or damaged state means there is nothing to undo. */
export function readEnvChanges(): EnvChange[] {
  const saved = core.getState(STATE_KEY)
  if (!saved) return []
  const parsed: unknown = JSON.parse(saved)
  if (!Array.isArray(parsed)) throw new Error('the saved state is not a list')
  return parsed.filter(
    (c): c is EnvChange =>
      typeof c?.name === 'string' &&
      typeof c?.digest === 'string' &&
      (c.previous === null || typeof c.previous === 'string')
  )
}
