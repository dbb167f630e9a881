// The claims of a job that has not run: some are known exactly (the repository, the audience),
// some only as a set (every branch a `branches:` filter admits, any actor). A claim is a text of
// literal parts and variables; each variable ranges over the strings a list of GitHub filter
// patterns admits.

export type TemplatePart = string | { readonly variable: string }
export type ClaimTemplate = readonly TemplatePart[]

/** One `branches:`/`tags:` entry; a negated one (`!pattern`) takes back what came before. */
export interface FilterRule {
  readonly pattern: string
  readonly negated: boolean
}

export interface VariableRange {
  /** In order: a string is in the range when the last rule that matches it is not negated. */
  readonly rules: readonly FilterRule[]
  /** A branch or tag name is never empty. */
  readonly nonEmpty: boolean
  /** More rule lists a string must also pass, each read as `rules` is (an intersection). */
  readonly also?: readonly (readonly FilterRule[])[]
  /** Characters no value holds, e.g. those git forbids in a branch name. */
  readonly excluded?: string
}

export interface ClaimSet {
  /** A claim missing here is not in the token. */
  readonly claims: Readonly<Record<string, string | ClaimTemplate>>
  readonly variables: Readonly<Record<string, VariableRange>>
}

/** Any string at all, e.g. an actor the check cannot know. */
export const ANY: VariableRange = { rules: [{ pattern: '**', negated: false }], nonEmpty: true }

export const variable = (name: string) => ({ variable: name })

export function rangeOf(patterns: readonly string[], nonEmpty = true): VariableRange {
  return {
    rules: patterns.map((p) =>
      p.startsWith('!') ? { pattern: p.slice(1), negated: true } : { pattern: p, negated: false }
    ),
    nonEmpty
  }
}

/** A range of everything but what some patterns match, as `branches-ignore:` gives. */
export function rangeWithout(patterns: readonly string[]): VariableRange {
  return {
    rules: [
      { pattern: '**', negated: false },
      ...patterns.map((pattern) => ({ pattern, negated: true }))
    ],
    nonEmpty: true
  }
}

export function templateVariables(template: string | ClaimTemplate): string[] {
  if (typeof template === 'string') return []
  return [...new Set(template.flatMap((p) => (typeof p === 'string' ? [] : [p.variable])))]
}

/** The claims with each variable replaced by a value. */
export function substitute(
  set: ClaimSet,
  values: Readonly<Record<string, string>>
): Record<string, string> {
  const text = (t: string | ClaimTemplate) =>
    typeof t === 'string'
      ? t
      : t.map((p) => (typeof p === 'string' ? p : values[p.variable])).join('')
  return Object.fromEntries(Object.entries(set.claims).map(([name, t]) => [name, text(t)]))
}

/** A claim as a person reads it: a variable shown by its patterns, `{a, !b}` when more than one. */
export function describeClaim(set: ClaimSet, claim: string): string | undefined {
  const template = set.claims[claim]
  if (template === undefined || typeof template === 'string') return template
  return template
    .map((p) => {
      if (typeof p === 'string') return p
      const rules = set.variables[p.variable]?.rules ?? []
      const shown = rules.map((r) => (r.negated ? `!${r.pattern}` : r.pattern))
      return shown.length === 1 ? shown[0] : `{${shown.join(', ')}}`
    })
    .join('')
}
