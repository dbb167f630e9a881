import { describe, expect, it } from 'vitest'
import { parsePolicyDocument } from '../../../src/trust-policy/document.js'
import type { ConditionBlock, PolicyStatement } from '../../../src/trust-policy/document.js'
import { policyFindings } from '../../../src/trust-policy/findings.js'
import { ISSUER, allow } from './evaluator-cases.js'

const K = 'token.actions.githubusercontent.com'
const AUD = { [`${K}:aud`]: 'sts.amazonaws.com' }
const SUB = { [`${K}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main' }

function rules(...statements: PolicyStatement[]) {
  const policy = parsePolicyDocument(JSON.parse(JSON.stringify({ Statement: statements })))
  return policyFindings(policy, ISSUER).map((f) => `${f.statement} ${f.severity} ${f.rule}`)
}
const only = (condition: ConditionBlock) => rules(allow(condition))

describe('policyFindings', () => {
  it('finds nothing in a policy that pins aud and sub', () => {
    expect(only({ StringEquals: { ...AUD, ...SUB } })).toEqual([])
    expect(
      only({ StringEquals: AUD, StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:*' } })
    ).toEqual([])
    expect(
      only({ StringEquals: AUD, StringLike: { [`${K}:sub`]: 'repo:octo-org@1/octo-repo@2:*' } })
    ).toEqual([])
  })

  it.each([
    ['no condition at all', {}, ['0 error sub-unchecked', '0 error aud-unchecked']],
    ['aud only', { StringEquals: AUD }, ['0 error sub-unchecked']],
    ['sub only', { StringEquals: SUB }, ['0 error aud-unchecked']],
    [
      'aud as a bare *',
      { StringEquals: SUB, StringLike: { [`${K}:aud`]: '*' } },
      ['0 error aud-unchecked']
    ],
    [
      'sub across every owner',
      { StringEquals: AUD, StringLike: { [`${K}:sub`]: 'repo:*' } },
      ['0 error sub-unchecked']
    ],
    [
      'sub across an owner’s repositories',
      { StringEquals: AUD, StringLike: { [`${K}:sub`]: 'repo:octo-org/*' } },
      ['0 error sub-unchecked']
    ],
    [
      'sub with a repository prefix',
      { StringEquals: AUD, StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo*' } },
      ['0 error sub-unchecked']
    ],
    [
      'sub that is a bare *',
      { StringEquals: AUD, StringLike: { [`${K}:sub`]: '*' } },
      ['0 error sub-unchecked']
    ],
    [
      'one wide value among exact ones',
      {
        StringEquals: AUD,
        StringLike: { [`${K}:sub`]: ['repo:octo-org/octo-repo:*', 'repo:*:pull_request'] }
      },
      ['0 error sub-unchecked']
    ],
    [
      'sub only in a negation',
      { StringEquals: AUD, StringNotLike: { [`${K}:sub`]: 'repo:evil/*' } },
      ['0 error sub-unchecked']
    ],
    [
      'sub only under ForAllValues:',
      {
        StringEquals: AUD,
        'ForAllValues:StringLike': { [`${K}:sub`]: 'repo:octo-org/octo-repo:*' }
      },
      ['0 error sub-unchecked']
    ]
  ])('%s', (_, condition, expected) => {
    expect(only(condition as ConditionBlock)).toEqual(expected)
  })

  it('takes an exact repository key in place of sub', () => {
    expect(only({ StringEquals: { ...AUD, [`${K}:repository`]: 'octo-org/octo-repo' } })).toEqual(
      []
    )
    expect(only({ StringEquals: { ...AUD, [`${K}:repository_id`]: '456789' } })).toEqual([])
    expect(only({ StringEquals: AUD, StringLike: { [`${K}:repository`]: 'octo-org/*' } })).toEqual([
      '0 error sub-unchecked'
    ])
  })

  it('a wildcard in StringEquals or StringNotEquals', () => {
    expect(only({ StringEquals: { ...AUD, [`${K}:sub`]: 'repo:octo-org/octo-repo:*' } })).toEqual([
      '0 error wildcard-in-string-equals'
    ])
    expect(
      only({
        StringEquals: { ...AUD, ...SUB },
        StringNotEqualsIgnoreCase: { [`${K}:sub`]: '*:pull_request' }
      })
    ).toEqual(['0 error wildcard-in-string-equals'])
  })

  it('a condition on a key IAM does not set', () => {
    expect(
      only({ StringEquals: { ...AUD, ...SUB, [`${K}:repository_owner`]: 'octo-org' } })
    ).toEqual(['0 error ignored-key'])
    expect(
      only({
        StringEquals: { ...AUD, ...SUB },
        StringLike: { 'token.actions.githubusercontent.com/:sub': 'x' }
      })
    ).toEqual(['0 error ignored-key'])
    expect(
      only({
        StringEquals: { ...AUD, ...SUB, 'aws:SourceIdentity': 'x', 'sts:RoleSessionName': 'y' }
      })
    ).toEqual([])
    expect(only({ StringEquals: { ...AUD, ...SUB, [`${K}:Environment`]: 'production' } })).toEqual(
      []
    )
  })

  it('a browser-style audience', () => {
    expect(only({ StringEquals: { ...SUB, [`${K}:aud`]: 'https://github.com/octo-org' } })).toEqual(
      ['0 error audience-reuse']
    )
  })

  it('judges every Allow the provider reaches, and no Deny', () => {
    expect(
      rules(
        allow({ StringEquals: { ...AUD, ...SUB } }),
        allow({ StringEquals: AUD }, { Sid: 'Wide' }),
        allow({}, { Effect: 'Deny' }),
        allow({}, { Principal: { Federated: 'arn:aws:iam::1:oidc-provider/other.example' } })
      )
    ).toEqual(['1 error sub-unchecked'])
  })

  it('says what to change', () => {
    const policy = parsePolicyDocument({
      Statement: allow({ StringEquals: AUD }, { Sid: 'Deploy' })
    })
    const [finding] = policyFindings(policy, ISSUER)
    expect(finding.message).toContain(
      'Statement 0 (Deploy) does not check token.actions.githubusercontent.com:sub'
    )
    expect(finding.fix).toContain('"StringEquals": {"token.actions.githubusercontent.com:sub"')
  })
})
