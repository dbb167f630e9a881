// The evaluator's table: each case is a job (as GitHub would describe it in its token), a trust
// policy, and the decision IAM makes. evaluate.test.ts decides each case with the evaluator; the
// emulator's STS, which uses the same evaluator, is given the same cases end to end.
import type { ConditionBlock, PolicyStatement } from '../../../src/trust-policy/document.js'

export const ISSUER = 'https://token.actions.githubusercontent.com'
export const ACCOUNT = '111122223333'
export const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
export const ACTION = 'sts:AssumeRoleWithWebIdentity'
const K = 'token.actions.githubusercontent.com'

/** What a case changes in the default job: a push to main of octo-org/octo-repo. */
export interface JobShape {
  readonly eventName?: string
  readonly ref?: string
  readonly environment?: string
  readonly audience?: string
}

const REPO = 'octo-org/octo-repo'

/** The claims GitHub gives such a job: environment wins the sub, then pull_request, then the ref. */
export function claimsOf(job: JobShape = {}): Record<string, unknown> {
  const {
    eventName = 'push',
    ref = 'refs/heads/main',
    environment,
    audience = 'sts.amazonaws.com'
  } = job
  const context =
    environment !== undefined
      ? `environment:${environment}`
      : eventName === 'pull_request'
        ? 'pull_request'
        : `ref:${ref}`
  return {
    sub: `repo:${REPO}:${context}`,
    aud: audience,
    ref,
    event_name: eventName,
    ...(environment !== undefined ? { environment } : {}),
    repository: REPO,
    repository_owner: 'octo-org',
    repository_id: '456789',
    actor: 'octocat',
    workflow: 'deploy',
    job_workflow_ref: `${REPO}/.github/workflows/deploy.yml@${ref}`
  }
}

export function allow(
  condition: ConditionBlock = {},
  extra: Partial<PolicyStatement> = {}
): PolicyStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: ACTION,
    Condition: condition,
    ...extra
  }
}

export function deny(
  condition: ConditionBlock = {},
  extra: Partial<PolicyStatement> = {}
): PolicyStatement {
  return allow(condition, { Effect: 'Deny', ...extra })
}

export interface EvaluatorCase {
  readonly name: string
  readonly job?: JobShape
  readonly statements: PolicyStatement[]
  readonly accepted: boolean
  /** The statement that decided (the Allow that accepted, the Deny, or the closest Allow). */
  readonly statement?: number
  /** The conditions reported with the decision, as `operator key`. */
  readonly conditions?: readonly string[]
}

const MAIN = `repo:${REPO}:ref:refs/heads/main`
const PRODUCTION = { environment: 'production' }
const PULL_REQUEST = { eventName: 'pull_request', ref: 'refs/pull/7/merge' }

export const CASES: readonly EvaluatorCase[] = [
  {
    name: 'StringEquals on aud and sub accepts the job they name',
    statements: [
      allow({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: MAIN } })
    ],
    accepted: true,
    statement: 0,
    conditions: [`StringEquals ${K}:aud`, `StringEquals ${K}:sub`]
  },
  {
    name: 'a main-only policy refuses the environment job',
    job: PRODUCTION,
    statements: [
      allow({ StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: MAIN } })
    ],
    accepted: false,
    statement: 0,
    conditions: [`StringEquals ${K}:sub`]
  },
  {
    name: 'keys are ANDed: the one that fails is the one reported',
    statements: [allow({ StringEquals: { [`${K}:aud`]: 'other.example', [`${K}:sub`]: MAIN } })],
    accepted: false,
    statement: 0,
    conditions: [`StringEquals ${K}:aud`]
  },
  {
    name: 'operators are ANDed',
    statements: [
      allow({
        StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${K}:sub`]: 'repo:other-org/*' }
      })
    ],
    accepted: false,
    statement: 0,
    conditions: [`StringLike ${K}:sub`]
  },
  {
    name: 'values of one key are ORed',
    statements: [allow({ StringEquals: { [`${K}:sub`]: [`repo:${REPO}:pull_request`, MAIN] } })],
    accepted: true,
    statement: 0
  },
  {
    name: 'StringLike: * spans any run of characters',
    job: PRODUCTION,
    statements: [allow({ StringLike: { [`${K}:sub`]: `repo:${REPO}:*` } })],
    accepted: true
  },
  {
    name: 'StringLike: ? is exactly one character',
    statements: [
      allow({ StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-rep?:ref:refs/heads/mai?' } })
    ],
    accepted: true
  },
  {
    name: 'StringLike: regular-expression characters stand for themselves',
    statements: [allow({ StringLike: { [`${K}:sub`]: 'repo:octo-org/octo.repo:*' } })],
    accepted: false,
    conditions: [`StringLike ${K}:sub`]
  },
  {
    name: 'StringEquals: a * is a character, not a wildcard',
    statements: [allow({ StringEquals: { [`${K}:sub`]: `repo:${REPO}:*` } })],
    accepted: false,
    conditions: [`StringEquals ${K}:sub`]
  },
  {
    name: 'StringEquals is case-sensitive',
    statements: [allow({ StringEquals: { [`${K}:sub`]: MAIN.toUpperCase() } })],
    accepted: false
  },
  {
    name: 'StringEqualsIgnoreCase is not',
    statements: [allow({ StringEqualsIgnoreCase: { [`${K}:sub`]: MAIN.toUpperCase() } })],
    accepted: true
  },
  {
    name: 'StringNotEquals excludes the value it names',
    statements: [allow({ StringNotEquals: { [`${K}:sub`]: MAIN } })],
    accepted: false,
    conditions: [`StringNotEquals ${K}:sub`]
  },
  {
    name: 'StringNotEqualsIgnoreCase excludes it in any case',
    statements: [allow({ StringNotEqualsIgnoreCase: { [`${K}:sub`]: MAIN.toUpperCase() } })],
    accepted: false
  },
  {
    name: 'StringNotLike lets through what its pattern does not match',
    statements: [allow({ StringNotLike: { [`${K}:sub`]: '*:pull_request' } })],
    accepted: true
  },
  {
    name: 'StringNotLike refuses what it matches',
    job: PULL_REQUEST,
    statements: [allow({ StringNotLike: { [`${K}:sub`]: '*:pull_request' } })],
    accepted: false
  },
  {
    name: 'ForAnyValue:StringLike holds when a value matches',
    statements: [allow({ 'ForAnyValue:StringLike': { [`${K}:sub`]: 'repo:octo-org/*' } })],
    accepted: true
  },
  {
    name: 'ForAnyValue: fails on an absent key',
    statements: [allow({ 'ForAnyValue:StringEquals': { [`${K}:environment`]: 'production' } })],
    accepted: false,
    conditions: [`ForAnyValue:StringEquals ${K}:environment`]
  },
  {
    name: 'ForAllValues: holds on an absent key (the trap AWS warns of)',
    statements: [allow({ 'ForAllValues:StringEquals': { [`${K}:environment`]: 'production' } })],
    accepted: true
  },
  {
    name: 'ForAllValues: fails when a present value is not listed',
    job: { environment: 'staging' },
    statements: [allow({ 'ForAllValues:StringEquals': { [`${K}:environment`]: 'production' } })],
    accepted: false
  },
  {
    name: 'ForAllValues:StringNotLike holds when no value matches',
    statements: [allow({ 'ForAllValues:StringNotLike': { [`${K}:sub`]: '*:pull_request' } })],
    accepted: true
  },
  {
    name: 'ForAnyValue:StringNotEquals holds when some value is not listed',
    statements: [
      allow({ 'ForAnyValue:StringNotEquals': { [`${K}:sub`]: `repo:${REPO}:pull_request` } })
    ],
    accepted: true
  },
  {
    name: 'IfExists holds on an absent key',
    statements: [allow({ StringEqualsIfExists: { [`${K}:environment`]: 'production' } })],
    accepted: true
  },
  {
    name: 'IfExists compares a present key',
    job: { environment: 'staging' },
    statements: [allow({ StringEqualsIfExists: { [`${K}:environment`]: 'production' } })],
    accepted: false,
    conditions: [`StringEqualsIfExists ${K}:environment`]
  },
  {
    name: 'ForAllValues:…IfExists compares a present key',
    job: PRODUCTION,
    statements: [allow({ 'ForAllValues:StringLikeIfExists': { [`${K}:environment`]: 'prod*' } })],
    accepted: true
  },
  {
    name: 'Null "true" holds when the key is absent',
    statements: [allow({ Null: { [`${K}:environment`]: 'true' } })],
    accepted: true
  },
  {
    name: 'Null "true" fails when it is present',
    job: PRODUCTION,
    statements: [allow({ Null: { [`${K}:environment`]: 'true' } })],
    accepted: false,
    conditions: [`Null ${K}:environment`]
  },
  {
    name: 'Null "false" requires the key',
    job: PRODUCTION,
    statements: [allow({ Null: { [`${K}:environment`]: false } })],
    accepted: true
  },
  {
    name: 'a key IAM does not set is absent, whatever the token carries',
    statements: [allow({ StringEquals: { [`${K}:repository_owner`]: 'octo-org' } })],
    accepted: false,
    conditions: [`StringEquals ${K}:repository_owner`]
  },
  {
    name: 'and so a negated condition on it always holds',
    statements: [allow({ StringNotEquals: { [`${K}:repository_owner`]: 'octo-org' } })],
    accepted: true
  },
  {
    name: 'the GitHub keys IAM sets since 2026: repository and ref',
    statements: [
      allow({ StringEquals: { [`${K}:repository`]: REPO, [`${K}:ref`]: 'refs/heads/main' } })
    ],
    accepted: true
  },
  {
    name: 'the GitHub keys: environment and job_workflow_ref',
    job: PRODUCTION,
    statements: [
      allow({
        StringEquals: { [`${K}:environment`]: 'production' },
        StringLike: { [`${K}:job_workflow_ref`]: `${REPO}/.github/workflows/*@refs/heads/main` }
      })
    ],
    accepted: true
  },
  {
    name: 'condition keys are case-insensitive',
    statements: [allow({ StringEquals: { 'Token.Actions.GithubUserContent.com:SUB': MAIN } })],
    accepted: true
  },
  {
    name: 'another provider in Principal',
    statements: [
      allow({}, { Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/other.example` } })
    ],
    accepted: false,
    statement: undefined,
    conditions: []
  },
  {
    name: 'a Principal list that holds the provider',
    statements: [
      allow({}, { Principal: { Federated: ['arn:aws:iam::1:oidc-provider/x', PROVIDER] } })
    ],
    accepted: true
  },
  {
    name: 'Principal "*"',
    statements: [allow({}, { Principal: '*' })],
    accepted: true
  },
  {
    name: 'an Action that is not AssumeRoleWithWebIdentity',
    statements: [allow({}, { Action: 'sts:AssumeRole' })],
    accepted: false,
    statement: undefined
  },
  {
    name: 'an Action list with a wildcard, any case',
    statements: [allow({}, { Action: ['sts:TagSession', 'STS:AssumeRoleWith*'] })],
    accepted: true
  },
  {
    name: 'NotAction that leaves AssumeRoleWithWebIdentity in',
    statements: [allow({}, { Action: undefined, NotAction: 'sts:AssumeRole' })],
    accepted: true
  },
  {
    name: 'a matching Deny overrides the Allow, and is the statement reported',
    job: PULL_REQUEST,
    statements: [
      allow({ StringLike: { [`${K}:sub`]: `repo:${REPO}:*` } }),
      deny({ StringLike: { [`${K}:sub`]: '*:pull_request' } })
    ],
    accepted: false,
    statement: 1,
    conditions: [`StringLike ${K}:sub`]
  },
  {
    name: 'a Deny that does not match leaves the Allow',
    statements: [
      allow({ StringLike: { [`${K}:sub`]: `repo:${REPO}:*` } }),
      deny({ StringLike: { [`${K}:sub`]: '*:pull_request' } })
    ],
    accepted: true,
    statement: 0
  },
  {
    name: 'a Deny for another action does not apply',
    statements: [allow(), deny({}, { Action: 'sts:AssumeRole' })],
    accepted: true,
    statement: 0
  },
  {
    name: 'the reported Allow is the one closest to accepting',
    job: PRODUCTION,
    statements: [
      allow({ StringEquals: { [`${K}:aud`]: 'x', [`${K}:sub`]: MAIN } }),
      allow(
        { StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: MAIN } },
        { Sid: 'Main' }
      )
    ],
    accepted: false,
    statement: 1,
    conditions: [`StringEquals ${K}:sub`]
  },
  {
    name: 'a later Allow accepts when an earlier one does not',
    job: PRODUCTION,
    statements: [
      allow({ StringEquals: { [`${K}:sub`]: MAIN } }),
      allow({ StringEquals: { [`${K}:sub`]: `repo:${REPO}:environment:production` } })
    ],
    accepted: true,
    statement: 1
  },
  { name: 'no statements', statements: [], accepted: false, statement: undefined }
]
