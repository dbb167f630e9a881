// IAM trust-policy evaluation for AssumeRoleWithWebIdentity and role chaining: just the subset
// those rely on (Federated and AWS principals, the String* and Arn* condition operators, Null).

export type ConditionValue = string | number | boolean | (string | number | boolean)[]
export type ConditionBlock = Record<string, Record<string, ConditionValue>>

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Principal?: '*' | { Federated?: string | string[]; AWS?: string | string[] }
  Action?: string | string[]
  Condition?: ConditionBlock
}

export interface PolicyDocument {
  Version?: string
  Statement: PolicyStatement | PolicyStatement[]
}

export interface TrustRequest {
  // The OIDC provider's ARN, for AssumeRoleWithWebIdentity.
  providerArn?: string
  // The ways an AWS principal may be named, for AssumeRole: its role ARN, its session ARN, the
  // account's root ARN and the bare account id.
  awsPrincipals?: string[]
  action: string
  // Condition keys are case-insensitive in IAM, so the context is keyed by lower-cased key.
  context: Record<string, string[]>
}

export type TrustDecision =
  | { allowed: true; statementIndex: number }
  | { allowed: false; reason: 'explicit-deny' | 'no-matching-allow' }

interface Operator {
  set: 'any' | 'all' | 'single'
  negated: boolean
  kind: 'equals' | 'equals-ignore-case' | 'like' | 'arn'
  ifExists: boolean
}

const KINDS: Record<string, Operator['kind']> = {
  equals: 'equals',
  equalsignorecase: 'equals-ignore-case',
  like: 'like'
}

const STRING_OPERATOR =
  /^(?:(ForAnyValue|ForAllValues):)?String(Not)?(EqualsIgnoreCase|Equals|Like)(IfExists)?$/i
// ArnEquals and ArnLike match alike: wildcards within each colon-separated part (IAM User Guide,
// "IAM JSON policy elements: Condition operators", ARN condition operators).
const ARN_OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?Arn(Not)?(?:Equals|Like)(IfExists)?$/i

export function evaluateTrust(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  const statements = toArray(policy.Statement)
  const applicable = statements.map((s) => appliesTo(s, request))
  if (statements.some((s, i) => applicable[i] && s.Effect === 'Deny')) {
    return { allowed: false, reason: 'explicit-deny' }
  }
  const index = statements.findIndex((s, i) => applicable[i] && s.Effect === 'Allow')
  return index >= 0
    ? { allowed: true, statementIndex: index }
    : { allowed: false, reason: 'no-matching-allow' }
}

// Trust-policy keys are `<issuer host and path>:<claim>`, e.g. token.actions.githubusercontent.com:sub.
export function conditionContext(
  issuer: string,
  claims: Record<string, unknown>
): Record<string, string[]> {
  const prefix = providerId(issuer)
  const context: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(claims)) {
    const values = Array.isArray(value) ? value : [value]
    const scalars = values.filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
    context[`${prefix}:${name}`.toLowerCase()] = scalars.map(String)
  }
  return context
}

// IAM stores an OIDC provider by its URL without the scheme; this is also its ARN suffix.
export function providerId(issuerUrl: string): string {
  return issuerUrl.replace(/^https?:\/\//i, '').replace(/\/+$/, '')
}

// IAM wildcards: `*` is any run of characters (possibly empty), `?` exactly one.
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value)
}

function appliesTo(statement: PolicyStatement, request: TrustRequest): boolean {
  return (
    principalMatches(statement.Principal, request) &&
    toArray(statement.Action ?? []).some((a) => globMatch(a, request.action, true)) &&
    conditionsHold(statement.Condition ?? {}, request.context)
  )
}

function principalMatches(principal: PolicyStatement['Principal'], request: TrustRequest): boolean {
  if (principal === '*') return true
  const { providerArn, awsPrincipals = [] } = request
  if (providerArn !== undefined && toArray(principal?.Federated ?? []).includes(providerArn)) {
    return true
  }
  return toArray(principal?.AWS ?? []).some((p) => p === '*' || awsPrincipals.includes(p))
}

function conditionsHold(block: ConditionBlock, context: Record<string, string[]>): boolean {
  return Object.entries(block).every(([operatorName, keys]) => {
    // Null: "true" holds when the key is absent, "false" when it is present.
    if (operatorName.toLowerCase() === 'null') {
      return Object.entries(keys).every(([key, expected]) => {
        const absent = (context[key.toLowerCase()] ?? []).length === 0
        return String(expected).toLowerCase() === String(absent)
      })
    }
    const operator = parseOperator(operatorName)
    // An operator IAM would not accept cannot grant anything.
    if (!operator) return false
    return Object.entries(keys).every(([key, expected]) =>
      operatorHolds(operator, context[key.toLowerCase()], toArray(expected).map(String))
    )
  })
}

function parseOperator(name: string): Operator | undefined {
  const setOf = (set: string | undefined) =>
    set === undefined ? 'single' : set.toLowerCase() === 'foranyvalue' ? 'any' : 'all'
  const arn = ARN_OPERATOR.exec(name)
  if (arn) {
    const [, set, not, ifExists] = arn
    return { set: setOf(set), negated: not !== undefined, kind: 'arn', ifExists: !!ifExists }
  }
  const m = STRING_OPERATOR.exec(name)
  if (!m) return undefined
  const [, set, not, kind, ifExists] = m
  return {
    set: setOf(set),
    negated: not !== undefined,
    kind: KINDS[kind.toLowerCase()],
    ifExists: ifExists !== undefined
  }
}

function operatorHolds(op: Operator, actual: string[] | undefined, expected: string[]): boolean {
  // IAM semantics for an absent key: negated and ForAllValues operators hold vacuously.
  if (actual === undefined || actual.length === 0) {
    return op.ifExists || op.set === 'all' || (op.set === 'single' && op.negated)
  }
  const matchesAny = (value: string) => expected.some((p) => compare(op, p, value))
  if (op.set === 'all') return actual.every((v) => matchesAny(v) !== op.negated)
  if (op.set === 'any') return actual.some((v) => matchesAny(v) !== op.negated)
  return actual.some(matchesAny) !== op.negated
}

function compare(op: Operator, pattern: string, value: string): boolean {
  if (op.kind === 'like') return globMatch(pattern, value)
  if (op.kind === 'arn') return arnMatch(pattern, value)
  if (op.kind === 'equals-ignore-case') return pattern.toLowerCase() === value.toLowerCase()
  return pattern === value
}

// An ARN has six parts; a wildcard never spans the colons between them.
function arnMatch(pattern: string, value: string): boolean {
  const patterns = pattern.split(':')
  const parts = value.split(':')
  if (patterns.length < 6 || parts.length < 6) return false
  const tail = (list: string[]) => [...list.slice(0, 5), list.slice(5).join(':')]
  const [p, v] = [tail(patterns), tail(parts)]
  return p.every((part, i) => globMatch(part, v[i]))
}

function toArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value]
}
