// Decides a trust policy for one request as IAM does for a role's trust policy: a statement
// applies when its principal, its action and every one of its conditions match; an applicable Deny
// wins over any Allow; with no applicable Allow the request is denied (IAM User Guide,
// reference_policies_evaluation-logic.html). Every decision names the statement and conditions
// that made it, for the person who has to change the policy.
import type { ConditionContext } from './condition-keys.js'
import { statementsOf } from './document.js'
import type { PolicyDocument, PolicyStatement } from './document.js'
import { operatorHolds, parseOperator } from './operators.js'
import { wildcardMatch } from './wildcard.js'

export interface TrustRequest {
  readonly action: string
  /** The OIDC provider's ARN, for AssumeRoleWithWebIdentity. */
  readonly providerArn?: string
  /** Every way an AWS principal may be named (role ARN, session ARN, account root, account id). */
  readonly awsPrincipals?: readonly string[]
  readonly context: ConditionContext
}

export interface StatementRef {
  readonly index: number
  readonly sid?: string
}

/** One condition as the policy wrote it, and the values the request had for its key. */
export interface ConditionResult {
  readonly operator: string
  readonly key: string
  readonly expected: readonly string[]
  /** Undefined: the key is not in the request context. */
  readonly actual: readonly string[] | undefined
  readonly holds: boolean
}

export type TrustDecision =
  | {
      readonly accepted: true
      readonly reason: 'allowed'
      readonly statement: StatementRef
      readonly conditions: readonly ConditionResult[]
    }
  | {
      readonly accepted: false
      readonly reason: 'explicit-deny'
      readonly statement: StatementRef
      readonly conditions: readonly ConditionResult[]
    }
  | {
      readonly accepted: false
      readonly reason: 'no-matching-allow'
      /** The Allow closest to accepting, when one names this principal and action. */
      readonly statement: StatementRef | undefined
      /** What that Allow required and the request did not have. */
      readonly conditions: readonly ConditionResult[]
    }

interface Judged {
  readonly ref: StatementRef
  readonly effect: 'Allow' | 'Deny'
  /** Principal and action match. */
  readonly addressed: boolean
  readonly conditions: readonly ConditionResult[]
  readonly applies: boolean
}

export function evaluateTrust(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  const judged = statementsOf(policy).map((s, index) => judge(s, index, request))
  const deny = judged.find((j) => j.effect === 'Deny' && j.applies)
  if (deny)
    return {
      accepted: false,
      reason: 'explicit-deny',
      statement: deny.ref,
      conditions: deny.conditions
    }
  const allow = judged.find((j) => j.effect === 'Allow' && j.applies)
  if (allow)
    return { accepted: true, reason: 'allowed', statement: allow.ref, conditions: allow.conditions }
  const closest = judged
    .filter((j) => j.effect === 'Allow' && j.addressed)
    .map((j) => ({ j, failing: j.conditions.filter((c) => !c.holds) }))
    .sort((a, b) => a.failing.length - b.failing.length)[0]
  return {
    accepted: false,
    reason: 'no-matching-allow',
    statement: closest?.j.ref,
    conditions: closest?.failing ?? []
  }
}

function judge(statement: PolicyStatement, index: number, request: TrustRequest): Judged {
  const addressed =
    principalMatches(statement.Principal, request) && actionMatches(statement, request.action)
  const conditions = conditionResults(statement, request.context)
  return {
    ref: statement.Sid === undefined ? { index } : { index, sid: statement.Sid },
    effect: statement.Effect,
    addressed,
    conditions,
    applies: addressed && conditions.every((c) => c.holds)
  }
}

function principalMatches(principal: PolicyStatement['Principal'], request: TrustRequest): boolean {
  if (principal === '*') return true
  const { providerArn, awsPrincipals = [] } = request
  if (providerArn !== undefined && list(principal?.Federated).includes(providerArn)) return true
  // {"AWS": "*"} stands for every principal, as "*" does.
  return list(principal?.AWS).some((p) => p === '*' || awsPrincipals.includes(p))
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  const matches = (patterns: string | string[] | undefined) =>
    list(patterns).some((p) => wildcardMatch(p, action, true))
  return statement.NotAction !== undefined
    ? !matches(statement.NotAction)
    : matches(statement.Action)
}

function conditionResults(
  statement: PolicyStatement,
  context: ConditionContext
): ConditionResult[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) => {
    const op = parseOperator(operator)
    return Object.entries(keys).map(([key, values]) => {
      const expected = list(values).map(String)
      const actual = context[key.toLowerCase()]
      // parsePolicyDocument refuses an operator it cannot parse; one that slipped past grants nothing.
      const holds = op !== undefined && operatorHolds(op, actual, expected)
      return { operator, key, expected, actual, holds }
    })
  })
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}
