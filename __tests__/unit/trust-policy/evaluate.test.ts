import { describe, expect, it } from 'vitest'
import { contextFromClaims } from '../../../src/trust-policy/condition-keys.js'
import { evaluateTrust } from '../../../src/trust-policy/evaluate.js'
import { parsePolicyDocument } from '../../../src/trust-policy/document.js'
import { ACTION, CASES, ISSUER, PROVIDER, claimsOf } from './evaluator-cases.js'

describe('evaluateTrust', () => {
  it.each(CASES)('$name', (testCase) => {
    const { job, statements, accepted, conditions } = testCase
    // Through JSON, as a policy file is read: a field left undefined is not in the document.
    const document = JSON.parse(JSON.stringify({ Version: '2012-10-17', Statement: statements }))
    const decision = evaluateTrust(parsePolicyDocument(document), {
      action: ACTION,
      providerArn: PROVIDER,
      context: contextFromClaims(ISSUER, claimsOf(job))
    })
    expect(decision.accepted).toBe(accepted)
    if ('statement' in testCase) expect(decision.statement?.index).toBe(testCase.statement)
    if (conditions) {
      expect(decision.conditions.map((c) => `${c.operator} ${c.key}`)).toEqual(conditions)
    }
  })

  it('names the statement by its Sid, and gives the values the token had', () => {
    const policy = parsePolicyDocument({
      Statement: {
        Sid: 'MainOnly',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: ACTION,
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main'
          }
        }
      }
    })
    const decision = evaluateTrust(policy, {
      action: ACTION,
      providerArn: PROVIDER,
      context: contextFromClaims(ISSUER, claimsOf({ environment: 'production' }))
    })
    expect(decision).toEqual({
      accepted: false,
      reason: 'no-matching-allow',
      statement: { index: 0, sid: 'MainOnly' },
      conditions: [
        {
          operator: 'StringEquals',
          key: 'token.actions.githubusercontent.com:sub',
          expected: ['repo:octo-org/octo-repo:ref:refs/heads/main'],
          actual: ['repo:octo-org/octo-repo:environment:production'],
          holds: false
        }
      ]
    })
  })

  it('tells an explicit Deny from a missing Allow', () => {
    const policy = parsePolicyDocument({
      Statement: [
        { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: ACTION },
        { Effect: 'Deny', Principal: '*', Action: 'sts:*' }
      ]
    })
    const decision = evaluateTrust(policy, { action: ACTION, providerArn: PROVIDER, context: {} })
    expect(decision).toMatchObject({
      accepted: false,
      reason: 'explicit-deny',
      statement: { index: 1 }
    })
  })

  it('matches AWS principals for AssumeRole, as the emulator asks for role chaining', () => {
    const policy = parsePolicyDocument({
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } }
      }
    })
    const request = (externalId: string) => ({
      action: 'sts:AssumeRole',
      awsPrincipals: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:root'],
      context: { 'sts:externalid': [externalId] }
    })
    expect(evaluateTrust(policy, request('x-1')).accepted).toBe(true)
    expect(evaluateTrust(policy, request('x-2')).accepted).toBe(false)
  })

  it('matches any value of a multi-valued aud claim', () => {
    const policy = parsePolicyDocument({
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: ACTION,
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }
        }
      }
    })
    const claims = { ...claimsOf(), aud: ['https://github.com/octo-org', 'sts.amazonaws.com'] }
    const decide = (aud: unknown) =>
      evaluateTrust(policy, {
        action: ACTION,
        providerArn: PROVIDER,
        context: contextFromClaims(ISSUER, { ...claims, aud })
      })
    expect(decide(claims.aud).accepted).toBe(true)
    expect(decide(['https://github.com/octo-org']).accepted).toBe(false)
  })

  it('grants nothing by an operator it does not know, in a document nothing checked (an emulator scenario)', () => {
    const policy = {
      Statement: {
        Effect: 'Allow' as const,
        Principal: { Federated: PROVIDER },
        Action: ACTION,
        Condition: { NumericEquals: { 'token.actions.githubusercontent.com:sub': '1' } }
      }
    }
    const decision = evaluateTrust(policy, {
      action: ACTION,
      providerArn: PROVIDER,
      context: contextFromClaims(ISSUER, claimsOf())
    })
    expect(decision).toMatchObject({
      accepted: false,
      conditions: [{ operator: 'NumericEquals', holds: false }]
    })
  })
})
