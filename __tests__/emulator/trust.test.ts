import { describe, expect, it } from 'vitest'
import { conditionContext, evaluateTrust } from '../../emulator/iam/trust.js'
import type { ConditionBlock, PolicyDocument, PolicyStatement } from '../../emulator/iam/trust.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
const ACTION = 'sts:AssumeRoleWithWebIdentity'
const KEY = 'token.actions.githubusercontent.com'

const branchClaims = {
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  repository_owner: 'octo-org',
  environment: undefined
}

function allow(condition: ConditionBlock, extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: ACTION,
    Condition: condition,
    ...extra
  }
}

function decide(statements: PolicyStatement[], claims: Record<string, unknown> = branchClaims) {
  const policy: PolicyDocument = { Version: '2012-10-17', Statement: statements }
  return evaluateTrust(policy, {
    providerArn: PROVIDER,
    action: ACTION,
    context: conditionContext(ISSUER, claims)
  })
}

describe('evaluateTrust', () => {
  const cases: { name: string; statements: PolicyStatement[]; allowed: boolean }[] = [
    {
      name: 'StringEquals on aud and sub',
      statements: [
        allow({
          StringEquals: {
            [`${KEY}:aud`]: 'sts.amazonaws.com',
            [`${KEY}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main'
          }
        })
      ],
      allowed: true
    },
    {
      name: 'StringEquals sub mismatch (environment policy, branch token)',
      statements: [
        allow({
          StringEquals: { [`${KEY}:sub`]: 'repo:octo-org/octo-repo:environment:production' }
        })
      ],
      allowed: false
    },
    {
      name: 'keys in one block are ANDed',
      statements: [
        allow({
          StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com', [`${KEY}:sub`]: 'repo:x/y:ref:z' }
        })
      ],
      allowed: false
    },
    {
      name: 'operators are ANDed',
      statements: [
        allow({
          StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${KEY}:sub`]: 'repo:other-org/*' }
        })
      ],
      allowed: false
    },
    {
      name: 'StringLike with *',
      statements: [allow({ StringLike: { [`${KEY}:sub`]: 'repo:octo-org/octo-repo:*' } })],
      allowed: true
    },
    {
      name: 'StringLike with ?',
      statements: [
        allow({ StringLike: { [`${KEY}:sub`]: 'repo:octo-org/octo-rep?:ref:refs/heads/mai?' } })
      ],
      allowed: true
    },
    {
      name: 'StringLike treats regex characters literally',
      statements: [allow({ StringLike: { [`${KEY}:sub`]: 'repo:octo-org/octo.repo:*' } })],
      allowed: false
    },
    {
      name: 'a value list matches any entry',
      statements: [
        allow({ StringEquals: { [`${KEY}:sub`]: ['repo:a/b:ref:c', branchClaims.sub] } })
      ],
      allowed: true
    },
    {
      name: 'StringNotEquals excludes a value',
      statements: [allow({ StringNotEquals: { [`${KEY}:sub`]: branchClaims.sub } })],
      allowed: false
    },
    {
      name: 'StringNotLike on a different pattern holds',
      statements: [allow({ StringNotLike: { [`${KEY}:sub`]: '*:pull_request' } })],
      allowed: true
    },
    {
      name: 'ForAnyValue: prefix is tolerated',
      statements: [allow({ 'ForAnyValue:StringLike': { [`${KEY}:sub`]: 'repo:octo-org/*' } })],
      allowed: true
    },
    {
      name: 'ForAllValues: prefix is tolerated',
      statements: [allow({ 'ForAllValues:StringEquals': { [`${KEY}:aud`]: 'sts.amazonaws.com' } })],
      allowed: true
    },
    {
      name: 'condition on another claim (repository_owner)',
      statements: [allow({ StringEquals: { [`${KEY}:repository_owner`]: 'octo-org' } })],
      allowed: true
    },
    {
      name: 'condition keys are case-insensitive',
      statements: [
        allow({ StringEquals: { 'Token.Actions.GithubUserContent.com:SUB': branchClaims.sub } })
      ],
      allowed: true
    },
    {
      name: 'absent claim fails StringEquals',
      statements: [allow({ StringEquals: { [`${KEY}:environment`]: 'production' } })],
      allowed: false
    },
    {
      name: 'absent claim passes StringNotEquals',
      statements: [allow({ StringNotEquals: { [`${KEY}:environment`]: 'production' } })],
      allowed: true
    },
    {
      name: 'unknown operator grants nothing',
      statements: [allow({ NumericEquals: { [`${KEY}:sub`]: '1' } })],
      allowed: false
    },
    {
      name: 'another provider in Principal',
      statements: [
        allow(
          {},
          { Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/other.example' } }
        )
      ],
      allowed: false
    },
    {
      name: 'Principal list containing the provider',
      statements: [
        allow({}, { Principal: { Federated: ['arn:aws:iam::1:oidc-provider/x', PROVIDER] } })
      ],
      allowed: true
    },
    {
      name: 'Action that does not cover AssumeRoleWithWebIdentity',
      statements: [allow({}, { Action: 'sts:AssumeRole' })],
      allowed: false
    },
    {
      name: 'Action wildcard',
      statements: [allow({}, { Action: ['sts:TagSession', 'sts:*'] })],
      allowed: true
    },
    {
      name: 'matching Deny overrides Allow',
      statements: [
        allow({}),
        allow({ StringLike: { [`${KEY}:sub`]: '*:ref:refs/heads/main' } }, { Effect: 'Deny' })
      ],
      allowed: false
    },
    {
      name: 'non-matching Deny does not',
      statements: [
        allow({}),
        allow({ StringLike: { [`${KEY}:sub`]: '*:pull_request' } }, { Effect: 'Deny' })
      ],
      allowed: true
    },
    { name: 'no statements', statements: [], allowed: false }
  ]

  it.each(cases)('$name', ({ statements, allowed }) => {
    expect(decide(statements).allowed).toBe(allowed)
  })

  it('reports why it denied', () => {
    expect(decide([allow({}), allow({}, { Effect: 'Deny' })])).toEqual({
      allowed: false,
      reason: 'explicit-deny'
    })
    expect(decide([allow({}, { Action: 'sts:AssumeRole' }), allow({})])).toEqual({
      allowed: true,
      statementIndex: 1
    })
  })

  it('matches any value of a multi-valued aud claim', () => {
    const claims = { ...branchClaims, aud: ['https://github.com/octo-org', 'sts.amazonaws.com'] }
    const statements = [allow({ StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' } })]
    expect(decide(statements, claims).allowed).toBe(true)
  })
})
