// Decides a trust policy for every token a job could carry, not for one sample. Each variable of
// the claims (a branch, an actor) ranges over a set of strings, possibly infinite; but the policy
// can only tell strings apart through the patterns its conditions compare them with. Two strings
// that every one of those patterns treats alike (same automaton relations) get the same decision.
// So a breadth-first walk over strings, one character at a time, finds one shortest string for
// each way the policy can see a variable; deciding the policy for those strings, in every
// combination, decides it for the whole set, and a refused combination is a concrete example.
import { Automaton } from './automaton.js'
import type { StateSet } from './automaton.js'
import { contextFromClaims, evaluatedClaims, providerId } from './condition-keys.js'
import { statementsOf } from './document.js'
import type { PolicyDocument } from './document.js'
import { substitute, templateVariables } from './claim-set.js'
import type { ClaimSet, ClaimTemplate } from './claim-set.js'
import { evaluateTrust } from './evaluate.js'
import type { TrustDecision, TrustRequest } from './evaluate.js'
import { parseOperator } from './operators.js'
import { githubFilterTokens, iamWildcardTokens, literalTokens } from './pattern-tokens.js'

const MAX_STATES = 20_000
const MAX_COMBINATIONS = 4_096

export interface Example {
  /** The value each variable took. */
  readonly values: Readonly<Record<string, string>>
  readonly claims: Readonly<Record<string, string>>
  readonly decision: TrustDecision
}

export interface SetDecision {
  /** Every token in the set is accepted (true also when the set is empty). */
  readonly all: boolean
  /** Some token is accepted. */
  readonly some: boolean
  readonly refused: Example | undefined
  readonly accepted: Example | undefined
}

export class TooComplexError extends Error {}

interface Predicate {
  readonly automaton: Automaton
  readonly template: ClaimTemplate
}

export function decideForClaimSet(
  policy: PolicyDocument,
  request: Omit<TrustRequest, 'context'>,
  issuer: string,
  set: ClaimSet
): SetDecision {
  const predicates = policyPredicates(policy, issuer, set)
  const alphabet = alphabetOf(set, predicates)
  const witnesses = Object.keys(set.variables).map(
    (name) => [name, witnessesOf(name, set, predicates, alphabet)] as const
  )
  let refused: Example | undefined
  let accepted: Example | undefined
  let count = 0
  for (const values of combinations(witnesses)) {
    if (++count > MAX_COMBINATIONS) throw new TooComplexError('too many combinations of claims')
    const claims = substitute(set, values)
    const decision = evaluateTrust(policy, {
      ...request,
      context: contextFromClaims(issuer, claims)
    })
    if (decision.accepted) accepted ??= { values, claims, decision }
    else refused ??= { values, claims, decision }
    if (refused && accepted) break
  }
  return { all: refused === undefined, some: accepted !== undefined, refused, accepted }
}

/** An automaton for each value a condition compares a variable claim with. */
function policyPredicates(policy: PolicyDocument, issuer: string, set: ClaimSet): Predicate[] {
  const prefix = providerId(issuer).toLowerCase()
  const claimOfKey = new Map<string, ClaimTemplate>()
  for (const claim of evaluatedClaims(issuer)) {
    const template = set.claims[claim]
    if (template !== undefined && typeof template !== 'string')
      claimOfKey.set(`${prefix}:${claim}`, template)
  }
  const seen = new Map<string, Predicate>()
  for (const statement of statementsOf(policy)) {
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      const op = parseOperator(operator)
      if (!op || op.kind === 'null') continue
      for (const [key, values] of Object.entries(keys)) {
        const template = claimOfKey.get(key.toLowerCase())
        if (!template) continue
        // ARN matching splits at colons, which no automaton here models: refuse, never guess.
        if (op.kind === 'arn') throw new TooComplexError(`${operator} compares the claim ${key}`)
        for (const value of (Array.isArray(values) ? values : [values]).map(String)) {
          const id = `${key.toLowerCase()}\u0000${op.kind}\u0000${value}`
          if (seen.has(id)) continue
          const tokens =
            op.kind === 'like'
              ? iamWildcardTokens(value)
              : literalTokens(value, op.kind === 'equals-ignore-case')
          seen.set(id, { automaton: new Automaton(tokens), template })
        }
      }
    }
  }
  return [...seen.values()]
}

/** Every character some pattern or claim names, and one that none names, standing for the rest. */
function alphabetOf(set: ClaimSet, predicates: readonly Predicate[]): string[] {
  const named = new Set<string>('/')
  const add = (text: string) => Array.from(text).forEach((c) => named.add(c))
  predicates.forEach((p) => add(p.automaton.namedCharacters()))
  for (const range of Object.values(set.variables)) {
    for (const list of [range.rules, ...(range.also ?? [])]) {
      list.forEach((r) => add(new Automaton(githubFilterTokens(r.pattern)).namedCharacters()))
    }
  }
  const other = Array.from('xyzqkjw0123456789_~').find((c) => !named.has(c)) ?? '\u00e9'
  // Examples read best with letters first: the walk tries characters in this order.
  const rank = (c: string) =>
    c === other ? 0 : /[a-z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : /[A-Z]/.test(c) ? 3 : 4
  return [...named, other].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
}

/** One shortest value of the variable for each way the predicates can tell values apart. */
function witnessesOf(
  name: string,
  set: ClaimSet,
  predicates: readonly Predicate[],
  alphabet: readonly string[]
): string[] {
  const range = set.variables[name]
  const rules = [range.rules, ...(range.also ?? [])].flatMap((list, listIndex) =>
    list.map((r) => ({
      list: listIndex,
      negated: r.negated,
      automaton: new Automaton(githubFilterTokens(r.pattern))
    }))
  )
  const touching = predicates.filter((p) => templateVariables(p.template).includes(name))
  const automata = [...rules.map((r) => r.automaton), ...touching.map((p) => p.automaton)]
  const byObservation = new Map<string, string>()
  const visited = new Set<string>()
  const domains = [
    ...rules.map((r) => r.automaton.closure([0])),
    ...touching.map((p) => domainOf(p, name))
  ]
  let frontier: { text: string; relations: StateSet[][] }[] = [
    { text: '', relations: automata.map((a, i) => a.identity(domains[i])) }
  ]
  while (frontier.length > 0) {
    const next: typeof frontier = []
    for (const { text, relations } of frontier) {
      const key = `${text === '' ? 'empty' : ''}${JSON.stringify(relations)}`
      if (visited.has(key)) continue
      if (visited.add(key).size > MAX_STATES)
        throw new TooComplexError(`too many distinct values of ${name}`)
      const inRange = (text !== '' || !range.nonEmpty) && member(rules, relations)
      if (inRange) {
        const observation = JSON.stringify(
          touching.map((p, i) => observe(p, name, relations[rules.length + i]))
        )
        if (!byObservation.has(observation)) byObservation.set(observation, text)
      }
      for (const c of alphabet.filter((c) => !range.excluded?.includes(c))) {
        next.push({ text: text + c, relations: relations.map((r, i) => automata[i].extend(r, c)) })
      }
    }
    frontier = next
  }
  return [...byObservation.values()]
}

function member(
  rules: readonly { list: number; negated: boolean; automaton: Automaton }[],
  relations: StateSet[][]
): boolean {
  // Each list: a string is in when the last rule that matches it is not negated.
  const inside = new Map<number, boolean>()
  rules.forEach((rule, i) => {
    const a = rule.automaton
    if (!inside.has(rule.list)) inside.set(rule.list, false)
    if (a.apply(relations[i], a.closure([0])).includes(a.final))
      inside.set(rule.list, !rule.negated)
  })
  return [...inside.values()].every(Boolean)
}

/**
 * What a predicate makes of a value: whether the claim then matches, when the variable is the
 * claim's only one; otherwise the relation itself, since the other variables decide the rest.
 */
function observe(predicate: Predicate, name: string, relation: StateSet[]): boolean | StateSet[] {
  if (templateVariables(predicate.template).length > 1) return relation
  const a = predicate.automaton
  let states = a.closure([0])
  for (const part of predicate.template) {
    states =
      typeof part === 'string'
        ? a.run(states, part)
        : part.variable === name
          ? a.apply(relation, states)
          : states
  }
  return states.includes(a.final)
}

/**
 * The states an occurrence of the variable may start in: exact after literal text, and any state
 * reachable once some other value (this variable's or another's) has been read.
 */
function domainOf(predicate: Predicate, name: string): StateSet {
  const a = predicate.automaton
  let states = a.closure([0])
  const domain = new Set<number>()
  for (const part of predicate.template) {
    if (typeof part === 'string') {
      states = a.run(states, part)
      continue
    }
    if (part.variable === name) states.forEach((s) => domain.add(s))
    states = a.reachable(states)
  }
  return [...domain].sort((x, y) => x - y)
}

function* combinations(
  witnesses: readonly (readonly [string, readonly string[]])[],
  index = 0,
  chosen: Record<string, string> = {}
): Generator<Record<string, string>> {
  if (index === witnesses.length) {
    yield { ...chosen }
    return
  }
  const [name, values] = witnesses[index]
  for (const value of values)
    yield* combinations(witnesses, index + 1, { ...chosen, [name]: value })
}
