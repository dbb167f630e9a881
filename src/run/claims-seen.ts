import type { TokenSource } from '../token/source.js'
import { TRUST_CLAIMS } from '../token/github.js'
import type { IdToken } from '../token/github.js'

/**
 * The trust claims of the tokens the step obtained, kept for the failure summary: the values a
 * trust policy matched on are what a reader needs next to what failed.
 */
export class ClaimsSeen {
  readonly #values = new Map<string, Set<string>>()

  /** The same source, noting the claims of every token it hands out. */
  watch<T extends TokenSource>(source: T): T {
    const note = (token: IdToken) => {
      for (const name of TRUST_CLAIMS) {
        const value = token.claims[name]
        if (value === undefined) continue
        const shown = Array.isArray(value) ? value.join(', ') : String(value)
        this.#values.set(name, (this.#values.get(name) ?? new Set()).add(shown))
      }
      return token
    }
    return {
      ...source,
      current: () => source.current().then(note),
      fresh: () => source.fresh().then(note)
    }
  }

  /** Claim name and value, in TRUST_CLAIMS order; tokens for two audiences give two aud values. */
  rows(): [string, string][] {
    return TRUST_CLAIMS.filter((name) => this.#values.has(name)).map((name) => [
      name,
      [...this.#values.get(name)!].join(' | ')
    ])
  }
}
