import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleSettings, StsConfig } from '../config/index.js'
import { stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import { fromAssumedRole } from '../credentials.js'
import type { Credentials, Obtained } from '../credentials.js'
import { awsErrorCode } from '../errors/aws-error.js'
import type { IdToken } from '../token/github.js'
import type { TokenSource } from '../token/source.js'
import { isTransient, withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import type { Exchange } from './exchange.js'
import { concurrencyLimit } from './concurrency-limit.js'
import { TOKEN_NOT_YET, tokenAtSerialize } from './token-at-serialize.js'

interface StsExchangeOptions {
  readonly config: StsConfig
  /** One source for every role: a token from GitHub, or web-identity-token-file. */
  readonly tokens: TokenSource
  readonly retry: RetryPolicy
}

/** Requests to STS in flight at once, at most (role-to-assume and role-profiles together). */
export const STS_CONCURRENCY = 4

/** The STS exchange: role-to-assume and every role of role-profiles, with one token, side by side. */
export class StsExchange implements Exchange {
  readonly #options: StsExchangeOptions

  constructor(options: StsExchangeOptions) {
    this.#options = options
  }

  async obtain(): Promise<Obtained> {
    const { config, tokens, retry } = this.#options
    const turn = concurrencyLimit(STS_CONCURRENCY)
    const assume = (roleArn: string) =>
      turn(() => assumeRoleWithWebIdentity({ ...config, roleArn }, tokens, retry))
    const [primary, profiles] = await Promise.all([
      config.roleArn ? assume(config.roleArn) : undefined,
      Promise.all(
        config.roleProfiles.map(async ({ profile, roleArn }) => ({
          profile,
          roleArn,
          credentials: await assume(roleArn)
        }))
      )
    ])
    return { primary, profiles }
  }
}

/** AssumeRoleWithWebIdentity on the regional endpoint: unsigned, one round trip when all is well. */
export async function assumeRoleWithWebIdentity(
  config: AssumeRoleSettings,
  tokens: TokenSource,
  retry: RetryPolicy
): Promise<Credentials> {
  const client = new STSClient(stsClientOptions(config))
  let answer: AnswerSeen | undefined
  client.middlewareStack.use(roundTripLog((seen) => (answer = seen)))
  let token: IdToken | undefined
  let expiredOnce = false
  try {
    const output = await withRetry(
      'STS AssumeRoleWithWebIdentity',
      () => {
        const command = new AssumeRoleWithWebIdentityCommand({
          RoleArn: config.roleArn,
          RoleSessionName: config.sessionName,
          WebIdentityToken: TOKEN_NOT_YET,
          DurationSeconds: config.durationSeconds,
          Policy: config.policy,
          PolicyArns: config.policyArns.length
            ? config.policyArns.map((arn) => ({ arn }))
            : undefined
        })
        command.middlewareStack.use(
          tokenAtSerialize(async () => {
            token = expiredOnce && !token ? await tokens.fresh() : await tokens.current()
            return token.jwt
          })
        )
        return client.send(command)
      },
      retry,
      {
        // An expired token is worth one retry with a new one: clocks differ, runners stall.
        retryable: (err) =>
          isTransient(err) || (awsErrorCode(err) === 'ExpiredToken' && !expiredOnce),
        beforeRetry: async (_n, err) => {
          if (awsErrorCode(err) !== 'ExpiredToken') return
          expiredOnce = true
          token = undefined
        }
      }
    )
    return { ...fromAssumedRole(output, answer), acceptedClaims: token?.claims }
  } catch (err) {
    // The diagnosis (its texts, the trust-policy hints) loads only when STS has refused.
    const { explainStsError } = await import('./diagnosis/sts.js')
    throw explainStsError(err, { token, config }).within(
      `sts:AssumeRoleWithWebIdentity on ${config.roleArn}`
    )
  } finally {
    // Closing the kept-alive socket is not on the way to what comes next (Identity Center's
    // request, the exports): Node makes process.stderr the first time it closes a socket.
    setImmediate(() => client.destroy())
  }
}
