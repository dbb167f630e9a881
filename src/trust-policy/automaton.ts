// A pattern's token list read as a nondeterministic automaton: state i has matched the first i
// tokens. The decision procedure in claim-set-decision.ts never needs a regular expression
// engine: it steps sets of states one character at a time, and follows, for each state a string
// might start in, where the string leads (a relation), so that one string can be substituted
// anywhere in a claim's text.
import { accepts } from './pattern-tokens.js'
import type { Token } from './pattern-tokens.js'

export type StateSet = readonly number[]

export class Automaton {
  readonly #tokens: readonly Token[]

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens
  }

  get final(): number {
    return this.#tokens.length
  }

  /** The states reachable without reading: past every token that may occur zero times. */
  closure(states: Iterable<number>): StateSet {
    const out = new Set<number>()
    for (let s of states) {
      out.add(s)
      while (s < this.#tokens.length && this.#tokens[s].min === 0) out.add(++s)
    }
    return [...out].sort((a, b) => a - b)
  }

  step(states: StateSet, c: string): StateSet {
    const next: number[] = []
    for (const s of states) {
      const token = this.#tokens[s]
      if (token === undefined || !accepts(token.chars, c)) continue
      next.push(token.max === 1 ? s + 1 : s)
    }
    return this.closure(next)
  }

  run(states: StateSet, text: string): StateSet {
    let current = states
    for (const c of text) current = this.step(current, c)
    return current
  }

  /**
   * The relation of the empty string, each state to its closure; for the states in `domain`
   * only, the only ones a string may start in where it is used (the rest stay empty).
   */
  identity(domain: StateSet): StateSet[] {
    const relation: StateSet[] = Array.from({ length: this.#tokens.length + 1 }, () => [])
    for (const s of domain) relation[s] = this.closure([s])
    return relation
  }

  /** Every state some string leads to from these. */
  reachable(states: StateSet): StateSet {
    const out = new Set(this.closure(states))
    for (let s = 0; s < this.#tokens.length; s++) {
      if (out.has(s)) this.closure([s + 1]).forEach((t) => out.add(t))
    }
    return [...out].sort((a, b) => a - b)
  }

  /** The relation extended by one more character. */
  extend(relation: readonly StateSet[], c: string): StateSet[] {
    return relation.map((states) => this.step(states, c))
  }

  /** Where a string whose relation this is leads from the given states. */
  apply(relation: readonly StateSet[], states: StateSet): StateSet {
    return this.closure(states.flatMap((s) => relation[s]))
  }

  /** Every character the pattern names, so that one further character stands for all others. */
  namedCharacters(): string {
    return this.#tokens
      .map((t) => (t.chars.kind === 'listed' ? t.chars.chars : (t.chars.except ?? '')))
      .join('')
  }
}
