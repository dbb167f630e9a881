import {
  JWTPayloadSizeExceededException,
  OutboundWebIdentityFederationDisabledException,
  RegionDisabledException,
  SessionDurationEscalationException
} from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { PROBLEMS } from '../../src/errors/problems.js'
import type { Problem } from '../../src/errors/problems.js'
import { explainOutboundTokenError } from '../../src/exchanges/diagnosis/outbound-token.js'
import { RetriesExhausted } from '../../src/retry.js'
import { modelledStsError, plainStsError } from './aws-sdk-errors.js'

const SESSION = 'arn:aws:sts::111122223333:assumed-role/deploy/octo'
const creds = {
  accessKeyId: 'ASIA',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: new Date('2030-01-01T01:00:00Z'),
  accountId: '111122223333',
  arn: SESSION,
  principal: SESSION
}
const settings = {
  audiences: ['https://api.vendor.example'],
  durationSeconds: 3600,
  signingAlgorithm: 'RS256' as const,
  tags: [{ Key: 'team', Value: 'octo' }],
  toFile: false,
  region: 'eu-west-1'
}

describe('explainOutboundTokenError: each GetWebIdentityToken failure gets its title and what to change', () => {
  it.each<[string, unknown, Problem, string]>([
    [
      'outbound federation not enabled',
      modelledStsError(
        OutboundWebIdentityFederationDisabledException,
        'OutboundWebIdentityFederationDisabledException',
        'disabled',
        403
      ),
      PROBLEMS.outboundFederationOff,
      'Account 111122223333 has not enabled outbound identity federation'
    ],
    [
      'AccessDenied',
      plainStsError('AccessDenied', 'not authorized', 403),
      PROBLEMS.outboundNotPermitted,
      `${SESSION} may not call sts:GetWebIdentityToken`
    ],
    [
      'a token that would outlive the session',
      modelledStsError(
        SessionDurationEscalationException,
        'SessionDurationEscalationException',
        'too long',
        403
      ),
      PROBLEMS.outboundOutlivesSession,
      'which ends at 2030-01-01T01:00:00.000Z'
    ],
    [
      'claims too large',
      modelledStsError(
        JWTPayloadSizeExceededException,
        'JWTPayloadSizeExceededException',
        'too large'
      ),
      PROBLEMS.outboundTooLarge,
      'shorter web-identity-token-tags (1 now)'
    ],
    [
      'a parameter STS refused',
      plainStsError('ValidationError', "Value at 'audience' failed to satisfy constraint"),
      PROBLEMS.parameterRejected,
      'check the inputs named in the message'
    ],
    [
      'a region where STS is not activated',
      modelledStsError(RegionDisabledException, 'RegionDisabledException', 'not activated', 403),
      PROBLEMS.regionDisabled,
      'STS is not activated in eu-west-1 for this account'
    ],
    [
      'retries that ran out',
      new RetriesExhausted(plainStsError('Throttling', 'Rate exceeded'), 8, 30_000),
      PROBLEMS.awsUnavailable,
      'STS kept failing'
    ]
  ])('%s', (_name, err, problem, advice) => {
    const explained = explainOutboundTokenError(err, creds, settings)
    expect(explained.problem).toBe(problem)
    expect(explained.explanation.join('\n')).toContain(advice)
  })

  it('a code no diagnosis knows: unexpected, with nothing to advise', () => {
    const explained = explainOutboundTokenError(
      plainStsError('SomethingNew', 'new'),
      creds,
      settings
    )
    expect(explained.problem).toBe(PROBLEMS.unexpected)
    expect(explained.explanation).toEqual([])
  })
})
