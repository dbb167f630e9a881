import { describe, expect, it } from 'vitest'
import { PolicyDocumentError, parsePolicyDocument } from '../../../src/trust-policy/document.js'

const statement = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: {
    Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
  },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...extra
})

describe('parsePolicyDocument', () => {
  it('takes one statement or a list', () => {
    expect(() => parsePolicyDocument({ Statement: statement({}) })).not.toThrow()
    expect(() =>
      parsePolicyDocument({ Version: '2012-10-17', Statement: [statement({})] })
    ).not.toThrow()
  })

  it.each([
    ['not an object', [], '$', 'a policy document is a JSON object'],
    ['no Statement', { Version: '2012-10-17' }, '$', 'has no Statement'],
    ['a statement that is a string', { Statement: ['x'] }, '$.Statement[0]', 'a JSON object'],
    [
      'an Effect of another case',
      { Statement: statement({ Effect: 'allow' }) },
      '$.Statement.Effect',
      '"Allow" or "Deny"'
    ],
    [
      'no Principal',
      { Statement: statement({ Principal: undefined }) },
      '$.Statement.Principal',
      'names a principal'
    ],
    [
      'NotPrincipal',
      { Statement: statement({ NotPrincipal: '*' }) },
      '$.Statement.NotPrincipal',
      'not evaluated'
    ],
    [
      'a Resource',
      { Statement: statement({ Resource: '*' }) },
      '$.Statement.Resource',
      'has no Resource'
    ],
    [
      'a misspelt field',
      { Statement: statement({ Conditions: {} }) },
      '$.Statement.Conditions',
      'unknown field'
    ],
    [
      'a principal type it does not evaluate',
      { Statement: statement({ Principal: { CanonicalUser: 'x' } }) },
      '$.Statement.Principal.CanonicalUser',
      'Federated, AWS, Service'
    ],
    [
      'both Action and NotAction',
      { Statement: statement({ NotAction: 'sts:AssumeRole' }) },
      '$.Statement',
      'not both'
    ],
    [
      'an Action that is a number',
      { Statement: statement({ Action: 7 }) },
      '$.Statement.Action',
      'a string or a list of strings'
    ],
    [
      'an operator it does not evaluate',
      { Statement: statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }) },
      '$.Statement.Condition.IpAddress',
      'String and Arn operators'
    ],
    [
      'a misspelt operator',
      { Statement: statement({ Condition: { StringEqual: { k: 'v' } } }) },
      '$.Statement.Condition.StringEqual',
      'not an operator'
    ],
    [
      'a condition value that is an object',
      { Statement: statement({ Condition: { StringEquals: { k: { v: 1 } } } }) },
      '$.Statement.Condition.StringEquals.k',
      'a string, number or boolean'
    ],
    [
      'an empty value list',
      { Statement: statement({ Condition: { StringEquals: { k: [] } } }) },
      '$.Statement.Condition.StringEquals.k',
      'a string, number or boolean'
    ],
    [
      'Null with another value',
      { Statement: statement({ Condition: { Null: { k: 'yes' } } }) },
      '$.Statement.Condition.Null.k',
      '"true"'
    ]
  ])('refuses %s, naming where', (_, document, path, problem) => {
    const error = (() => {
      try {
        parsePolicyDocument(JSON.parse(JSON.stringify(document)))
      } catch (err) {
        return err
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(PolicyDocumentError)
    expect((error as PolicyDocumentError).path).toBe(path)
    expect((error as PolicyDocumentError).problem).toContain(problem)
  })
})
