// IAM condition operators on string values, as the IAM User Guide defines them
// (reference_policies_elements_condition_operators.html and ..._multi-value-conditions.html):
// the String family, its ForAnyValue:/ForAllValues: set forms, …IfExists, and Null; and the Arn
// family, which role trust policies use on sts:RequestContextProviders (identity-enhanced
// sessions). Other families (Numeric, Date, Bool, IpAddress) test keys this check cannot know
// before a run, so a policy that uses them is refused, not guessed at.
import { wildcardMatch } from './wildcard.js'

export interface Operator {
  /** How the values of a multi-valued key combine: any of them, all of them, or a plain key. */
  readonly set: 'any' | 'all' | 'single'
  readonly negated: boolean
  readonly kind: 'equals' | 'equals-ignore-case' | 'like' | 'arn' | 'null'
  readonly ifExists: boolean
}

const FAMILY =
  /^(?:(ForAnyValue|ForAllValues):)?String(Not)?(EqualsIgnoreCase|Equals|Like)(IfExists)?$/i
const KINDS = { equals: 'equals', equalsignorecase: 'equals-ignore-case', like: 'like' } as const
// ArnEquals and ArnLike match alike: wildcards within each colon-separated part (IAM User Guide,
// reference_policies_elements_condition_operators.html, "Amazon Resource Name (ARN) condition
// operators").
const ARN_FAMILY = /^(?:(ForAnyValue|ForAllValues):)?Arn(Not)?(?:Equals|Like)(IfExists)?$/i

const setOf = (set: string | undefined): Operator['set'] =>
  set === undefined ? 'single' : set.toLowerCase() === 'foranyvalue' ? 'any' : 'all'

/** The operator a name stands for, or undefined when it is not one this check evaluates. */
export function parseOperator(name: string): Operator | undefined {
  if (/^null$/i.test(name)) return { set: 'single', negated: false, kind: 'null', ifExists: false }
  const arn = ARN_FAMILY.exec(name)
  if (arn) {
    const [, set, not, ifExists] = arn
    return { set: setOf(set), negated: not !== undefined, kind: 'arn', ifExists: !!ifExists }
  }
  const m = FAMILY.exec(name)
  if (!m) return undefined
  const [, set, not, kind, ifExists] = m
  return {
    set: setOf(set),
    negated: not !== undefined,
    kind: KINDS[kind.toLowerCase() as keyof typeof KINDS],
    ifExists: ifExists !== undefined
  }
}

/**
 * Whether a condition holds for the values a key has in the request (undefined: the key is not
 * in the request context) against the values the policy lists.
 */
export function operatorHolds(
  op: Operator,
  actual: readonly string[] | undefined,
  expected: readonly string[]
): boolean {
  const absent = actual === undefined || actual.length === 0
  if (op.kind === 'null') return expected.some((v) => (v.toLowerCase() === 'true') === absent)
  // An absent key: …IfExists and ForAllValues hold, and so does a plain negated operator; the
  // rest fail (IAM User Guide, "Condition operator to check existence of condition keys").
  if (absent) return op.ifExists || op.set === 'all' || (op.set === 'single' && op.negated)
  const matchesAny = (value: string) => expected.some((e) => compare(op, e, value))
  if (op.set === 'all') return actual.every((v) => matchesAny(v) !== op.negated)
  if (op.set === 'any') return actual.some((v) => matchesAny(v) !== op.negated)
  return actual.some(matchesAny) !== op.negated
}

function compare(op: Operator, expected: string, value: string): boolean {
  if (op.kind === 'like') return wildcardMatch(expected, value)
  if (op.kind === 'arn') return arnMatch(expected, value)
  if (op.kind === 'equals-ignore-case') return expected.toLowerCase() === value.toLowerCase()
  return expected === value
}

// An ARN has six parts (the last may hold colons); a wildcard never spans the colons between them.
function arnMatch(pattern: string, value: string): boolean {
  const parts = (arn: string) => {
    const split = arn.split(':')
    return split.length < 6 ? undefined : [...split.slice(0, 5), split.slice(5).join(':')]
  }
  const [p, v] = [parts(pattern), parts(value)]
  return p !== undefined && v !== undefined && p.every((part, i) => wildcardMatch(part, v[i]))
}
