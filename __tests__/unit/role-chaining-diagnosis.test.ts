import {
  ExpiredTokenException,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException
} from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import type { Problem } from '../../src/errors/problems.js'
import { explainRoleChainingError } from '../../src/exchanges/diagnosis/role-chaining.js'
import { RetriesExhausted } from '../../src/retry.js'
import { modelledStsError, plainStsError } from './aws-sdk-errors.js'

const CONFIG = {
  roleArn: 'arn:aws:iam::111122223333:role/chained-target',
  externalId: 'octo-external-id',
  region: 'eu-south-2'
}

describe('explainRoleChainingError: each AssumeRole failure gets its title and what to change', () => {
  it.each<[string, unknown, Problem, string]>([
    [
      'AccessDenied',
      plainStsError('AccessDenied', 'User: x is not authorized to perform: sts:AssumeRole', 403),
      PROBLEMS.chainingNotAllowed,
      '{"StringEquals": {"sts:ExternalId": "<role-external-id>"}}'
    ],
    [
      'a session over the role-chaining hour',
      plainStsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
      ),
      PROBLEMS.durationTooLong,
      'Role chaining limits the session to one hour'
    ],
    [
      'ExpiredToken (the earlier credentials)',
      plainStsError('ExpiredToken', 'The security token included in the request is expired'),
      PROBLEMS.noCredentialsToChain,
      'The credentials from the earlier step have expired'
    ],
    [
      'ExpiredTokenException',
      modelledStsError(ExpiredTokenException, 'ExpiredTokenException', 'expired'),
      PROBLEMS.noCredentialsToChain,
      'The credentials from the earlier step have expired'
    ],
    [
      'MalformedPolicyDocumentException, as the SDK names it',
      modelledStsError(
        MalformedPolicyDocumentException,
        'MalformedPolicyDocument',
        'Syntax errors in policy.'
      ),
      PROBLEMS.parameterRejected,
      'inline-session-policy must follow the IAM policy grammar'
    ],
    [
      'MalformedPolicyDocumentException, by class name only',
      new MalformedPolicyDocumentException({ message: 'Syntax errors in policy.', $metadata: {} }),
      PROBLEMS.parameterRejected,
      'inline-session-policy must follow the IAM policy grammar'
    ],
    [
      'PackedPolicyTooLargeException',
      modelledStsError(
        PackedPolicyTooLargeException,
        'PackedPolicyTooLarge',
        'Packed policy consumes 112% of allotted space'
      ),
      PROBLEMS.parameterRejected,
      'or give fewer managed-session-policies'
    ],
    [
      'RegionDisabledException',
      modelledStsError(
        RegionDisabledException,
        'RegionDisabledException',
        'STS is not activated in this region for account:111122223333.',
        403
      ),
      PROBLEMS.regionDisabled,
      'STS is not activated in eu-south-2 for this account'
    ],
    [
      'another ValidationError',
      plainStsError('ValidationError', '1 validation error detected: externalId'),
      PROBLEMS.parameterRejected,
      'check the inputs named in the message'
    ],
    [
      'retries that ran out',
      new RetriesExhausted(plainStsError('Throttling', 'Rate exceeded'), 8, 30_000),
      PROBLEMS.awsUnavailable,
      'STS in eu-south-2 kept failing'
    ]
  ])('%s', (_name, err, problem, advice) => {
    const explained = explainRoleChainingError(err, CONFIG)
    expect(explained.problem).toBe(problem)
    expect(explained.explanation.join('\n')).toContain(advice)
    expect(explained.cause).toBe(err instanceof RetriesExhausted ? err.cause : err)
  })

  it('an AWS code no diagnosis knows: unexpected, with the code and message as the layer', () => {
    const explained = explainRoleChainingError(plainStsError('SomethingNew', 'new'), CONFIG)
    expect(explained.problem).toBe(PROBLEMS.unexpected)
    expect(explained.layers).toEqual(['SomethingNew: new'])
    expect(explained.explanation).toEqual([])
  })

  it('an error a lower layer explained passes as it is', () => {
    const lower = new ActionError(PROBLEMS.unexpected, ['STS answered without credentials'])
    expect(explainRoleChainingError(lower, CONFIG)).toBe(lower)
  })
})
