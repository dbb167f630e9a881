import { describe, expect, it } from 'vitest'
import {
  contextFromClaims,
  evaluatedClaims,
  providerArn,
  providerId
} from '../../../src/trust-policy/condition-keys.js'

describe('providerId', () => {
  it.each([
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['https://token.actions.githubusercontent.com/', 'token.actions.githubusercontent.com'],
    ['https://ghes.example.com/_services/token', 'ghes.example.com/_services/token']
  ])('%s → %s', (url, id) => {
    expect(providerId(url)).toBe(id)
    expect(providerArn('aws', '111122223333', url)).toBe(
      `arn:aws:iam::111122223333:oidc-provider/${id}`
    )
  })
})

describe('contextFromClaims: only the keys IAM sets', () => {
  const claims = {
    sub: 'repo:o/r:ref:refs/heads/main',
    aud: ['a', 'b'],
    ref: 'refs/heads/main',
    repository: 'o/r',
    repository_owner: 'o',
    run_attempt: 1,
    actor_id: 583231,
    nested: { ignored: true }
  }

  it('github.com: aud, sub and the GitHub claims STS evaluates since 2026, lower-cased, as strings', () => {
    expect(contextFromClaims('https://token.actions.githubusercontent.com', claims)).toEqual({
      'token.actions.githubusercontent.com:sub': ['repo:o/r:ref:refs/heads/main'],
      'token.actions.githubusercontent.com:aud': ['a', 'b'],
      'token.actions.githubusercontent.com:ref': ['refs/heads/main'],
      'token.actions.githubusercontent.com:repository': ['o/r'],
      'token.actions.githubusercontent.com:actor_id': ['583231']
    })
    expect(evaluatedClaims('https://token.actions.githubusercontent.com')).toEqual([
      'aud',
      'sub',
      'actor',
      'actor_id',
      'job_workflow_ref',
      'repository',
      'repository_id',
      'workflow',
      'ref',
      'environment',
      'enterprise_id'
    ])
  })

  it('another issuer (GitHub Enterprise Server): aud and sub only', () => {
    expect(contextFromClaims('https://ghes.example.com/_services/token', claims)).toEqual({
      'ghes.example.com/_services/token:sub': ['repo:o/r:ref:refs/heads/main'],
      'ghes.example.com/_services/token:aud': ['a', 'b']
    })
  })

  it('takes aud from azp when the token has one, as IAM does', () => {
    const context = contextFromClaims('https://idp.example', {
      aud: 'x',
      azp: 'client-1',
      sub: 's'
    })
    expect(context['idp.example:aud']).toEqual(['client-1'])
  })
})
