import * as core from '@actions/core'
import { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AwsClientSettings } from '../net/aws-client-options.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import type { OutboundTokenConfig } from '../config/outbound-token.js'
import { PROBLEMS } from '../errors/problems.js'
import type { Problem } from '../errors/problems.js'
import { awsUnavailable } from '../errors/aws-unavailable.js'
import { RetriesExhausted, withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'

export interface OutboundToken {
  readonly jwt: string
  readonly expiration: Date
}

/**
 * Asks STS, signed with the credentials just obtained, for a JWT that proves this AWS identity to
 * a third party. Regional endpoint: the operation is not offered on the global one.
 */
export async function requestOutboundToken(
  creds: Credentials,
  settings: OutboundTokenConfig,
  config: AwsClientSettings,
  retry: RetryPolicy
): Promise<OutboundToken> {
  const client = new STSClient({
    ...awsClientOptions(config),
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken
    }
  })
  client.middlewareStack.use(roundTripLog())
  const layer = `sts:GetWebIdentityToken for ${settings.audiences.join(', ')}`
  try {
    const output = await withRetry(
      'STS GetWebIdentityToken',
      () =>
        client.send(
          new GetWebIdentityTokenCommand({
            Audience: [...settings.audiences],
            DurationSeconds: settings.durationSeconds,
            SigningAlgorithm: settings.signingAlgorithm,
            Tags: settings.tags.length ? settings.tags.map((t) => ({ ...t })) : undefined
          })
        ),
      retry
    )
    if (output.WebIdentityToken) core.setSecret(output.WebIdentityToken)
    if (!output.WebIdentityToken || !output.Expiration)
      throw new ActionError(PROBLEMS.unexpected, [layer, 'the answer holds no token'])
    return { jwt: output.WebIdentityToken, expiration: output.Expiration }
  } catch (err) {
    if (err instanceof ActionError) throw err
    throw explain(err, layer, creds, settings)
  } finally {
    client.destroy()
  }
}

function explain(
  err: unknown,
  layer: string,
  creds: Credentials,
  settings: OutboundTokenConfig
): ActionError {
  if (err instanceof RetriesExhausted) return awsUnavailable(err, layer, 'STS')
  const e = err as { name?: string; message?: string }
  const code = e.name ?? 'Error'
  const [problem, lines] = diagnose(code.replace(/Exception$/, ''), creds, settings)
  return new ActionError(problem, [layer, `${code}: ${e.message ?? ''}`], lines, {
    cause: err,
    code
  })
}

function diagnose(
  code: string,
  creds: Credentials,
  settings: OutboundTokenConfig
): [Problem, string[]] {
  switch (code) {
    case 'OutboundWebIdentityFederationDisabled':
      return [
        PROBLEMS.outboundFederationOff,
        [
          `Account ${creds.accountId} has not enabled outbound identity federation. Enable it once (IAM → Account settings), or:`,
          '  aws iam enable-outbound-web-identity-federation',
          'The answer holds the account’s issuer URL, which the external service trusts.'
        ]
      ]
    case 'AccessDenied':
      return [
        PROBLEMS.outboundNotPermitted,
        [
          `${creds.principal} may not call sts:GetWebIdentityToken. Allow it in the role's permission policy:`,
          '  {"Effect": "Allow", "Action": "sts:GetWebIdentityToken", "Resource": "*"}'
        ]
      ]
    case 'SessionDurationEscalation':
      return [
        PROBLEMS.outboundOutlivesSession,
        [
          `A token valid for ${settings.durationSeconds} s would outlive the session, which ends at ${creds.expiration.toISOString()}.`,
          'Lower web-identity-token-duration-seconds, or raise role-duration-seconds.'
        ]
      ]
    case 'JWTPayloadSizeExceeded':
      return [
        PROBLEMS.outboundTooLarge,
        [
          `The token's claims are too large: give fewer or shorter web-identity-token-tags (${settings.tags.length} now).`
        ]
      ]
    default:
      return [PROBLEMS.unexpected, []]
  }
}
