import {
  ExpiredTokenException,
  IDPRejectedClaimException,
  InvalidIdentityTokenException,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException
} from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { PROBLEMS } from '../../src/errors/problems.js'
import type { Problem } from '../../src/errors/problems.js'
import { explainStsError } from '../../src/exchanges/diagnosis/sts.js'
import { RetriesExhausted } from '../../src/retry.js'
import { modelledStsError, plainStsError } from './aws-sdk-errors.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const SUB = 'repo:octo-org/octo-repo:environment:production'
const ctx = {
  token: { jwt: 'x.y.z', claims: { iss: ISSUER, aud: 'sts.amazonaws.com', sub: SUB } },
  config: {
    region: 'eu-west-1',
    roleArn: 'arn:aws:iam::111122223333:role/deploy',
    sessionName: 'octo',
    durationSeconds: 3600,
    requestTimeoutMs: 10_000,
    proxy: undefined,
    policy: undefined,
    policyArns: []
  }
}

describe('explainStsError: each AssumeRoleWithWebIdentity failure gets its title and what to change', () => {
  it.each<[string, unknown, Problem, string]>([
    [
      'AccessDenied: the token’s claims and a condition that accepts them',
      plainStsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403),
      PROBLEMS.trustPolicyMismatch,
      `token.actions.githubusercontent.com:sub = ${SUB}`
    ],
    [
      'InvalidIdentityToken for an audience',
      modelledStsError(
        InvalidIdentityTokenException,
        'InvalidIdentityToken',
        'Incorrect token audience'
      ),
      PROBLEMS.audienceNotRegistered,
      'aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com --client-id sts.amazonaws.com'
    ],
    [
      'InvalidIdentityToken without a provider',
      modelledStsError(
        InvalidIdentityTokenException,
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${ISSUER}`
      ),
      PROBLEMS.noOidcProvider,
      `aws iam create-open-id-connect-provider --url ${ISSUER}`
    ],
    [
      'InvalidIdentityToken for a signature',
      modelledStsError(
        InvalidIdentityTokenException,
        'InvalidIdentityToken',
        'Couldn’t retrieve verification key'
      ),
      PROBLEMS.tokenNotVerified,
      `against the keys that ${ISSUER} publishes`
    ],
    [
      'ExpiredTokenException',
      modelledStsError(ExpiredTokenException, 'ExpiredTokenException', 'Token expired'),
      PROBLEMS.tokenExpired,
      "check the runner's clock"
    ],
    [
      'IDPRejectedClaim',
      modelledStsError(IDPRejectedClaimException, 'IDPRejectedClaim', 'claim rejected', 403),
      PROBLEMS.tokenNotVerified,
      `STS rejected a claim of the token from ${ISSUER}`
    ],
    [
      'a duration over the role’s maximum',
      plainStsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      ),
      PROBLEMS.durationTooLong,
      'raise MaxSessionDuration on the role'
    ],
    [
      'a bad session name',
      plainStsError(
        'ValidationError',
        "Value 'a' at 'roleSessionName' failed to satisfy constraint"
      ),
      PROBLEMS.parameterRejected,
      'Check input role-session-name'
    ],
    [
      'MalformedPolicyDocument',
      modelledStsError(
        MalformedPolicyDocumentException,
        'MalformedPolicyDocument',
        'Syntax errors in policy.'
      ),
      PROBLEMS.parameterRejected,
      'inline-session-policy must follow the IAM policy grammar'
    ],
    [
      'PackedPolicyTooLarge',
      modelledStsError(
        PackedPolicyTooLargeException,
        'PackedPolicyTooLarge',
        'Packed policy too big'
      ),
      PROBLEMS.parameterRejected,
      'Shorten inline-session-policy, or give fewer'
    ],
    [
      'RegionDisabledException',
      modelledStsError(RegionDisabledException, 'RegionDisabledException', 'not activated', 403),
      PROBLEMS.regionDisabled,
      'STS is not activated in eu-west-1 for this account'
    ],
    [
      'retries that ran out',
      new RetriesExhausted(plainStsError('ServiceUnavailable', 'down', 503), 8, 30_000),
      PROBLEMS.awsUnavailable,
      'STS in eu-west-1 kept failing'
    ]
  ])('%s', (_name, err, problem, advice) => {
    const explained = explainStsError(err, ctx)
    expect(explained.problem).toBe(problem)
    expect(explained.explanation.join('\n')).toContain(advice)
  })

  it('a code no diagnosis knows: unexpected, with nothing to advise', () => {
    const explained = explainStsError(plainStsError('SomethingNewException', 'new'), ctx)
    expect(explained.problem).toBe(PROBLEMS.unexpected)
    expect(explained.explanation).toEqual([])
  })

  it('names the code as STS reported it, and its message, as the layer', () => {
    const err = modelledStsError(
      RegionDisabledException,
      'RegionDisabledException',
      'not activated',
      403
    )
    expect(explainStsError(err, ctx).layers).toEqual(['RegionDisabledException: not activated'])
  })
})
