import type { OutboundTokenConfig } from '../../config/outbound-token.js'
import type { Credentials } from '../../credentials.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import { explainAwsError } from './explain.js'
import { stsRequestDiagnosis } from './sts-request.js'

/** Turns a failed GetWebIdentityToken into what to enable or change. */
export function explainOutboundTokenError(
  err: unknown,
  creds: Credentials,
  settings: OutboundTokenConfig & { readonly region: string }
): ActionError {
  return explainAwsError(
    err,
    'STS',
    (code, message) =>
      diagnose(code, creds, settings) ?? stsRequestDiagnosis(code, message, settings.region)
  )
}

function diagnose(
  code: string,
  creds: Credentials,
  settings: OutboundTokenConfig
): Diagnosis | undefined {
  switch (code) {
    case 'OutboundWebIdentityFederationDisabled':
      return {
        problem: PROBLEMS.outboundFederationOff,
        lines: [
          `Account ${creds.accountId} has not enabled outbound identity federation. Enable it once (IAM → Account settings), or:`,
          '  aws iam enable-outbound-web-identity-federation',
          'The answer holds the account’s issuer URL, which the external service trusts.'
        ]
      }
    case 'AccessDenied':
      return {
        problem: PROBLEMS.outboundNotPermitted,
        lines: [
          `${creds.principal} may not call sts:GetWebIdentityToken. Allow it in the role's permission policy:`,
          '  {"Effect": "Allow", "Action": "sts:GetWebIdentityToken", "Resource": "*"}'
        ]
      }
    case 'SessionDurationEscalation':
      return {
        problem: PROBLEMS.outboundOutlivesSession,
        lines: [
          `A token valid for ${settings.durationSeconds} s would outlive the session, which ends at ${creds.expiration.toISOString()}.`,
          'Lower web-identity-token-duration-seconds, or raise role-duration-seconds.'
        ]
      }
    case 'JWTPayloadSizeExceeded':
      return {
        problem: PROBLEMS.outboundTooLarge,
        lines: [
          `The token's claims are too large: give fewer or shorter web-identity-token-tags (${settings.tags.length} now).`
        ]
      }
  }
  // Any other code has no diagnosis: explainAwsError reports it as unexpected.
}
