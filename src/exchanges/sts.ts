import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleWithWebIdentityCommandOutput } from '@aws-sdk/client-sts'
import type { StsConfig } from '../config.js'
import { accountIdFromAssumedRoleArn } from '../credentials.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors.js'
import { explainStsError, stsErrorCode } from '../sts-diagnosis.js'
import type { IdToken } from '../id-token.js'
import type { Exchange, TokenSource } from './exchange.js'

/** AssumeRoleWithWebIdentity on the regional endpoint: unsigned, one round trip. */
export class StsWebIdentityExchange implements Exchange {
  readonly #config: StsConfig
  readonly #tokens: TokenSource

  constructor(config: StsConfig, tokens: TokenSource) {
    this.#config = config
    this.#tokens = tokens
  }

  async obtain(): Promise<Credentials> {
    const client = new STSClient({ region: this.#config.region, customUserAgent: 'keyless-aws' })
    let token = await this.#tokens()
    try {
      return toCredentials(await this.#assume(client, token))
    } catch (err) {
      // A token can expire between issue and use (clock skew, a slow runner): one fresh try.
      if (stsErrorCode(err) !== 'ExpiredTokenException') throw this.#explain(err, token)
      token = await this.#tokens()
      try {
        return toCredentials(await this.#assume(client, token))
      } catch (again) {
        throw this.#explain(again, token)
      }
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
        DurationSeconds: this.#config.durationSeconds
      })
    )
  }

  #explain(err: unknown, token: IdToken): ActionError {
    const layer = `sts:AssumeRoleWithWebIdentity on ${this.#config.roleArn}`
    if (err instanceof ActionError) return err.within(layer)
    return explainStsError(err, { layer, token, config: this.#config })
  }
}

function toCredentials(output: AssumeRoleWithWebIdentityCommandOutput): Credentials {
  const c = output.Credentials
  const arn = output.AssumedRoleUser?.Arn
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !arn) {
    throw new ActionError(['STS answered without credentials or an assumed-role ARN'])
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
    accountId: accountIdFromAssumedRoleArn(arn),
    arn
  }
}
