// What is weak in a trust policy on its own, before any workflow is read: each finding has a rule
// id, a severity and the change that fixes it. The incident these prevent is a role that any
// repository's workflow can assume (sub unchecked or wildcarded past the repository, aud
// unchecked or shared), or a condition that never does what it says.
import { evaluatedClaims, providerId } from './condition-keys.js'
import { statementsOf } from './document.js'
import type { PolicyDocument, PolicyStatement } from './document.js'
import { parseOperator } from './operators.js'
import type { Operator } from './operators.js'
import { hasWildcard, wildcardMatch } from './wildcard.js'

export type Severity = 'error' | 'warning'

export interface Finding {
  readonly rule: string
  readonly severity: Severity
  readonly message: string
  readonly fix: string
  /** The statement it is about, when it is about one. */
  readonly statement?: number
}

export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity'

/** Condition-key prefixes of AWS's own global and service keys, which are not token claims. */
const SERVICE_PREFIX = /^[a-z0-9-]+$/i

interface KeyCondition {
  readonly operator: string
  readonly claim: string
  readonly values: readonly string[]
  readonly positive: boolean
  readonly kind: Operator['kind']
}

export function policyFindings(policy: PolicyDocument, issuer: string): Finding[] {
  const prefix = providerId(issuer).toLowerCase()
  const findings: Finding[] = []
  statementsOf(policy).forEach((statement, index) => {
    findings.push(...conditionFindings(statement, index, prefix, issuer))
    if (statement.Effect === 'Allow' && trustsProvider(statement, prefix)) {
      findings.push(...allowFindings(statement, index, prefix))
    }
  })
  return findings
}

/** An Allow or Deny that the provider's tokens reach: Federated names it (or "*"), Action covers the call. */
export function trustsProvider(statement: PolicyStatement, prefix: string): boolean {
  const principal = statement.Principal
  const federated =
    principal === '*' ||
    (principal !== undefined &&
      (list(principal.AWS).includes('*') ||
        list(principal.Federated).some((arn) =>
          arn.toLowerCase().endsWith(`:oidc-provider/${prefix}`)
        )))
  const actions =
    statement.NotAction !== undefined ? list(statement.NotAction) : list(statement.Action)
  const covered = actions.some((a) => wildcardMatch(a, WEB_IDENTITY_ACTION, true))
  return federated && (statement.NotAction !== undefined ? !covered : covered)
}

function allowFindings(statement: PolicyStatement, index: number, prefix: string): Finding[] {
  const conditions = keyConditions(statement, prefix)
  const at = (claim: string) =>
    conditions.filter((c) => c.claim === claim && c.positive && c.kind !== 'null')
  const findings: Finding[] = []
  const subs = at('sub')
  const repositories = [...at('repository'), ...at('repository_id')]
  const pinsRepository = (c: KeyCondition) =>
    c.values.every((v) => c.kind !== 'like' || !hasWildcard(v))
  const pins = (c: KeyCondition) => c.values.every((v) => subjectPinsRepository(v, c.kind))
  // Conditions are ANDed: one that pins the repository is enough.
  const locked = subs.some(pins) || repositories.some(pinsRepository)
  const wide = subs.flatMap((c) => c.values.filter((v) => !subjectPinsRepository(v, c.kind)))
  const where = name(statement, index)
  if (!locked && subs.length === 0) {
    findings.push({
      rule: 'sub-unchecked',
      severity: 'error',
      statement: index,
      message: `${where} does not check ${prefix}:sub: any repository's workflow on GitHub can assume this role.`,
      fix: `Add "StringEquals": {"${prefix}:sub": "repo:OWNER/REPO:ref:refs/heads/main"} (or :environment:NAME) to ${where}.`
    })
  } else if (!locked) {
    findings.push({
      rule: 'sub-unchecked',
      severity: 'error',
      statement: index,
      message: `${where} accepts ${wide.map((v) => JSON.stringify(v)).join(', ')} as ${prefix}:sub, which admits other repositories or owners than yours.`,
      fix: `Name the repository without wildcards, e.g. "repo:OWNER/REPO:*" at the widest, or "repo:OWNER/REPO:ref:refs/heads/main".`
    })
  }
  const auds = at('aud').filter((c) =>
    c.values.every((v) => c.kind !== 'like' || !/^[*?]*$/.test(v))
  )
  if (auds.length === 0) {
    findings.push({
      rule: 'aud-unchecked',
      severity: 'error',
      statement: index,
      message: `${where} does not check ${prefix}:aud: a token GitHub issued for any other audience is accepted, as long as the provider lists it.`,
      fix: `Add "StringEquals": {"${prefix}:aud": "sts.amazonaws.com"} (the audience your steps ask for) to ${where}.`
    })
  }
  for (const c of at('aud')) {
    for (const value of c.values.filter((v) => /^https?:\/\//i.test(v))) {
      findings.push({
        rule: 'audience-reuse',
        severity: 'error',
        statement: index,
        message: `${where} accepts the audience ${JSON.stringify(value)}, a URL: GitHub gives tokens the owner's URL when a step asks for no audience, so any action in any job can obtain one, and a browser-style audience is shared with other sign-ins.`,
        fix: 'Accept an audience used for this AWS path only, e.g. sts.amazonaws.com or deploy.OWNER.example, and set the same audience input in your steps.'
      })
    }
  }
  return findings
}

function conditionFindings(
  statement: PolicyStatement,
  index: number,
  prefix: string,
  issuer: string
): Finding[] {
  const findings: Finding[] = []
  const where = name(statement, index)
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const op = parseOperator(operator)
    for (const [key, values] of Object.entries(keys)) {
      const texts = list(values).map(String)
      if (op && ['equals', 'equals-ignore-case'].includes(op.kind) && texts.some(hasWildcard)) {
        findings.push({
          rule: 'wildcard-in-string-equals',
          severity: 'error',
          statement: index,
          message: `${where}: ${operator} compares ${key} with ${texts
            .filter(hasWildcard)
            .map((v) => JSON.stringify(v))
            .join(
              ', '
            )} character by character, so the wildcard ${op.negated ? 'never excludes anything' : 'never matches'}.`,
          fix: `Use ${operator.replace(/Equals(IgnoreCase)?/i, 'Like')} for a pattern, or write the exact value.`
        })
      }
      const ignored = ignoredKey(key, prefix, issuer)
      if (ignored) {
        findings.push({
          rule: 'ignored-key',
          severity: 'error',
          statement: index,
          message: `${where}: ${operator} tests ${key}, ${ignored} So IAM decides it as for an absent key: ${op?.negated || op?.set === 'all' || op?.ifExists ? 'it always holds' : 'it never holds'}.`,
          fix: `Test a key IAM evaluates for this provider: ${evaluatedClaims(issuer)
            .map((c) => `${prefix}:${c}`)
            .join(', ')}.`
        })
      }
    }
  }
  return findings
}

/** Why IAM would never find this key in an AssumeRoleWithWebIdentity request, or undefined. */
function ignoredKey(key: string, prefix: string, issuer: string): string | undefined {
  const lower = key.toLowerCase()
  const cut = lower.lastIndexOf(':')
  const keyPrefix = lower.slice(0, cut)
  const claim = lower.slice(cut + 1)
  if (keyPrefix === prefix) {
    return evaluatedClaims(issuer).includes(claim)
      ? undefined
      : `a claim IAM does not put in the request context for ${prefix} tokens, whatever the token carries.`
  }
  if (cut < 0 || SERVICE_PREFIX.test(keyPrefix)) return undefined
  return `whose prefix ${keyPrefix} is not this provider's (${prefix}).`
}

/** A sub value pins the repository when the part after `repo:` up to the next `:` is exact. */
function subjectPinsRepository(value: string, kind: KeyCondition['kind']): boolean {
  const m = /^repo:([^:]*)(?::|$)/i.exec(value)
  return m !== null && (kind !== 'like' || !hasWildcard(m[1]))
}

function keyConditions(statement: PolicyStatement, prefix: string): KeyCondition[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) => {
    const op = parseOperator(operator)
    // A claim is not an ARN: an Arn operator on one neither pins nor admits anything.
    if (!op || op.kind === 'arn') return []
    return Object.entries(keys).flatMap(([key, values]) => {
      const lower = key.toLowerCase()
      if (!lower.startsWith(`${prefix}:`)) return []
      return [
        {
          operator,
          claim: lower.slice(prefix.length + 1),
          values: list(values).map(String),
          // A condition that can hold for a missing or any other value does not pin anything.
          positive: !op.negated && op.set !== 'all' && !op.ifExists,
          kind: op.kind
        }
      ]
    })
  })
}

export function name(statement: PolicyStatement, index: number): string {
  return statement.Sid ? `Statement ${index} (${statement.Sid})` : `Statement ${index}`
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
