import * as core from '@actions/core'
import { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import { checkExpiration } from './answer-check.js'

// Three base64url parts: header, claims, signature. A token of any other shape no verifier reads.
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/
import type { AwsClientSettings } from '../net/aws-client-options.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import type { OutboundTokenConfig } from '../config/outbound-token.js'
import { PROBLEMS } from '../errors/problems.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { explainOutboundTokenError } from './diagnosis/outbound-token.js'

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
  config: AwsClientSettings & { readonly stsEndpoint?: string },
  retry: RetryPolicy
): Promise<OutboundToken> {
  const client = new STSClient({
    ...stsClientOptions(config),
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken
    }
  })
  let answer: AnswerSeen | undefined
  client.middlewareStack.use(roundTripLog((seen) => (answer = seen)))
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
    const origin = answer ?? { who: 'STS GetWebIdentityToken' }
    if (!output.WebIdentityToken || !JWT.test(output.WebIdentityToken))
      throw new ActionError(PROBLEMS.answerNotUsable, [
        `${origin.who} answered, but the token is ${output.WebIdentityToken ? 'not a JWT' : 'missing or empty'}`
      ])
    return {
      jwt: output.WebIdentityToken,
      expiration: checkExpiration(output.Expiration, origin)
    }
  } catch (err) {
    throw explainOutboundTokenError(err, creds, { ...settings, region: config.region }).within(
      layer
    )
  } finally {
    client.destroy()
  }
}
