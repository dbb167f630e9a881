import { RegionDisabledException } from '@aws-sdk/client-sts'
import { InvalidGrantException } from '@aws-sdk/client-sso-oidc'
import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import { explainAwsError } from '../../src/exchanges/diagnosis/explain.js'
import type { Diagnosis } from '../../src/exchanges/diagnosis/explain.js'
import { RetriesExhausted } from '../../src/retry.js'
import { modelledStsError, plainStsError, restJsonError } from './aws-sdk-errors.js'

const FIX: Diagnosis = { problem: PROBLEMS.parameterRejected, lines: ['fix it'] }

describe('explainAwsError: the one path from a failed call to an ActionError', () => {
  it('diagnoses by the documented code and the message; the layer is the code as reported', () => {
    const seen: [string, string][] = []
    const err = modelledStsError(
      RegionDisabledException,
      'RegionDisabledException',
      'STS is not activated in this region',
      403
    )
    const result = explainAwsError(err, 'STS', (code, message) => {
      seen.push([code, message])
      return FIX
    })
    expect(seen).toEqual([['RegionDisabled', 'STS is not activated in this region']])
    expect(result.problem).toBe(PROBLEMS.parameterRejected)
    expect(result.layers).toEqual(['RegionDisabledException: STS is not activated in this region'])
    expect(result.explanation).toEqual(['fix it'])
    expect(result.code).toBe('RegionDisabledException')
    expect(result.cause).toBe(err)
  })

  it('takes what the service said elsewhere in place of the message', () => {
    const err = restJsonError(InvalidGrantException, 'UnknownError', { error: 'invalid_grant' })
    const result = explainAwsError(err, 'Identity Center', () => FIX, 'the assertion expired')
    expect(result.layers).toEqual(['InvalidGrantException: the assertion expired'])
  })

  it('a code no diagnosis knows: unexpected, with nothing to advise', () => {
    const result = explainAwsError(plainStsError('SomethingNew', 'new'), 'STS', () => undefined)
    expect(result.problem).toBe(PROBLEMS.unexpected)
    expect(result.layers).toEqual(['SomethingNew: new'])
    expect(result.explanation).toEqual([])
  })

  it('retries that ran out: the service was unavailable, with the last error', () => {
    const last = plainStsError('Throttling', 'Rate exceeded')
    const result = explainAwsError(
      new RetriesExhausted(last, 8, 30_000),
      'STS in eu-west-1',
      () => FIX
    )
    expect(result.problem).toBe(PROBLEMS.awsUnavailable)
    expect(result.layers).toEqual([
      'gave up after 8 attempts in 30.0 s',
      'last error: Throttling, HTTP 400, Rate exceeded'
    ])
    expect(result.explanation[0]).toMatch(/^STS in eu-west-1 kept failing/)
    expect(result.cause).toBe(last)
  })

  it('an error a lower layer explained passes as it is', () => {
    const lower = new ActionError(PROBLEMS.tokenExpired, ['web-identity-token-file /t'])
    expect(explainAwsError(lower, 'STS', () => FIX)).toBe(lower)
  })
})
