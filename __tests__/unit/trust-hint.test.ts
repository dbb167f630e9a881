import { describe, expect, it } from 'vitest'
import {
  acceptingCondition,
  conditionKeyPrefix,
  providerArn,
  subjectNote
} from '../../src/exchanges/diagnosis/trust-hint.js'

describe('trust hints', () => {
  it.each([
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['https://ghes.example.com/_services/token', 'ghes.example.com/_services/token'],
    [
      'https://token.actions.githubusercontent.com/octo-enterprise/',
      'token.actions.githubusercontent.com/octo-enterprise'
    ]
  ])('condition keys for %s start with %s', (issuer, prefix) => {
    expect(conditionKeyPrefix(issuer)).toBe(prefix)
  })

  it('names the provider in the role’s own partition and account', () => {
    expect(
      providerArn('arn:aws-cn:iam::111122223333:role/x', 'https://ghes.example.com/_services/token')
    ).toBe('arn:aws-cn:iam::111122223333:oidc-provider/ghes.example.com/_services/token')
  })

  it('builds a Condition block that parses and locks aud and sub', () => {
    const lines = acceptingCondition(
      'https://token.actions.githubusercontent.com',
      'sts.amazonaws.com',
      'repo:o/r:ref:refs/heads/main'
    )
    expect(JSON.parse(`{${lines.join('\n')}}`)).toEqual({
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main'
        }
      }
    })
  })

  it.each([
    ['repo:o/r:environment:Production%3AV1', 'environment "Production:V1"'],
    ['repo:o/r:environment:100%', 'environment "100%"'],
    ['repo:o/r:pull_request', 'pull request'],
    ['repo:o@1/r@2:ref:refs/heads/main', 'immutable sub form']
  ])('explains the sub %s', (sub, fragment) => {
    expect(subjectNote(sub)).toContain(fragment)
  })

  it('says nothing about an ordinary branch sub', () => {
    expect(subjectNote('repo:o/r:ref:refs/heads/main')).toBeUndefined()
  })
})
