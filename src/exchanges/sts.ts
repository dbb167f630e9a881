import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleWithWebIdentityCommandOutput } from '@aws-sdk/client-sts'
import type { AssumeRoleSettings } from '../config/index.js'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import { fromAssumedRole } from '../credentials.js'
import type { Credentials } from '../credentials.js'
import { awsErrorCode } from '../errors/aws-error.js'
import type { IdToken } from '../token/github.js'
import { isTransient, withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { explainStsError } from './diagnosis/sts.js'
import type { TokenSource } from '../token/source.js'
import type { Exchange } from './index.js'

/** AssumeRoleWithWebIdentity on the regional endpoint: unsigned, one round trip when all is well. */
export class StsWebIdentityExchange implements Exchange {
  readonly #config: AssumeRoleSettings
  readonly #tokens: TokenSource
  readonly #retry: RetryPolicy

  constructor(config: AssumeRoleSettings, tokens: TokenSource, retry: RetryPolicy) {
    this.#config = config
    this.#tokens = tokens
    this.#retry = retry
  }

  async obtain(): Promise<Credentials> {
    const client = new STSClient(awsClientOptions(this.#config))
    client.middlewareStack.use(roundTripLog())
    let token: IdToken | undefined
    let expiredOnce = false
    try {
      const output = await withRetry(
        'STS AssumeRoleWithWebIdentity',
        async () => {
          token = expiredOnce && !token ? await this.#tokens.fresh() : await this.#tokens.current()
          return this.#assume(client, token)
        },
        this.#retry,
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
      return { ...fromAssumedRole(output), acceptedClaims: token?.claims }
    } catch (err) {
      throw explainStsError(err, { token, config: this.#config }).within(
        `sts:AssumeRoleWithWebIdentity on ${this.#config.roleArn}`
      )
    } finally {
      client.destroy()
    }
  }

  #assume(client: STSClient, token: IdToken): Promise<AssumeRoleWithWebIdentityCommandOutput> {
    return client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: this.#config.roleArn,
        RoleSessionName: this.#config.sessionName,
        WebIdentityToken: token.jwt,
        DurationSeconds: this.#config.durationSeconds,
        Policy: this.#config.policy,
        PolicyArns: this.#config.policyArns.length
          ? this.#config.policyArns.map((arn) => ({ arn }))
          : undefined
      })
    )
  }
}
