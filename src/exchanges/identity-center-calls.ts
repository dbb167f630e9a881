import * as core from '@actions/core'
import { GetRoleCredentialsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso'
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { IdentityCenterConfig } from '../config/index.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import type { IdToken } from '../token/github.js'
import type { TokenSource } from '../token/source.js'
import { checkCredentials } from './answer-check.js'
import { warmUpIdentityCenter } from './identity-center-warm-up.js'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

/**
 * Identity Center's three calls after the STS hop, with their two clients. Loaded once the STS
 * request is on the wire (identity-center.ts): the clients' code compiles while STS answers.
 */
export class IdentityCenterCalls {
  readonly #config: IdentityCenterConfig
  readonly #retry: RetryPolicy
  readonly #oidc: SSOOIDCClient
  readonly #portal: SSOClient
  readonly #options: ReturnType<typeof awsClientOptions>
  /** Who answered the portal's last call, for a message about its answer. */
  #portalAnswer: AnswerSeen | undefined

  /** `exchangeRole`: the credentials that sign CreateTokenWithIAM, when the STS hop has them. */
  constructor(
    config: IdentityCenterConfig,
    retry: RetryPolicy,
    exchangeRole: Promise<Credentials>
  ) {
    this.#config = config
    this.#retry = retry
    this.#options = awsClientOptions({ ...config, region: config.identityCenterRegion })
    this.#oidc = new SSOOIDCClient({ ...this.#options, credentials: () => exchangeRole })
    this.#portal = new SSOClient(this.#options)
    this.#oidc.middlewareStack.use(roundTripLog())
    this.#portal.middlewareStack.use(roundTripLog((seen) => (this.#portalAnswer = seen)))
  }

  /** Each call once, answered from a can (see warm-up.ts), so the real ones find their code compiled. */
  warmUp(): Promise<boolean> {
    return warmUpIdentityCenter(this.#options, this.#config.applicationArn)
  }

  /**
   * CreateTokenWithIAM, set up as far as its signature at once, so that the client's first send
   * (middleware, endpoint, serialising) overlaps the STS round trip; it leaves once the signer
   * has the exchange role's credentials.
   */
  async createToken(assertions: TokenSource): Promise<string> {
    const layer = `sso-oauth:CreateTokenWithIAM on ${this.#config.applicationArn}`
    let assertion: IdToken | undefined
    try {
      const output = await withRetry(
        'Identity Center CreateTokenWithIAM',
        async (n) => {
          // A retry sends a new assertion: a token's jti may count as used once it reached the service.
          assertion = n === 1 ? await assertions.current() : await assertions.fresh()
          return this.#oidc.send(
            new CreateTokenWithIAMCommand({
              clientId: this.#config.applicationArn,
              grantType: JWT_BEARER,
              assertion: assertion.jwt,
              scope: ['sso:account:access']
            })
          )
        },
        this.#retry
      )
      for (const secret of [output.accessToken, output.refreshToken, output.idToken])
        if (secret) core.setSecret(secret)
      if (!output.accessToken)
        throw new ActionError(PROBLEMS.unexpected, ['the answer holds no access token'])
      return output.accessToken
    } catch (err) {
      throw (await explained(err, this.#config, assertion)).within(layer)
    }
  }

  async roleCredentials(accessToken: string): Promise<Credentials> {
    const { accountId, roleName } = this.#config
    const layer = `sso:GetRoleCredentials for ${roleName} in ${accountId}`
    try {
      const output = await withRetry(
        'Identity Center GetRoleCredentials',
        () =>
          this.#portal.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
        this.#retry
      )
      const checked = checkCredentials(
        output.roleCredentials ?? {},
        this.#portalAnswer ?? { who: 'Identity Center GetRoleCredentials' }
      )
      return {
        ...checked,
        accountId,
        arn: undefined,
        principal: `permission set ${roleName} in account ${accountId}`
      }
    } catch (err) {
      throw (await explained(err, this.#config, undefined)).within(layer)
    }
  }

  /** One attempt; whether the session ended. */
  signOut(accessToken: string): Promise<boolean> {
    return this.#portal.send(new LogoutCommand({ accessToken })).then(
      () => true,
      () => false
    )
  }

  destroy(): void {
    this.#oidc.destroy()
    this.#portal.destroy()
  }
}

/** The diagnosis loads only when Identity Center has refused. */
async function explained(err: unknown, config: IdentityCenterConfig, assertion?: IdToken) {
  const { explainIdentityCenterError } = await import('./diagnosis/identity-center.js')
  return explainIdentityCenterError(err, config, assertion)
}
