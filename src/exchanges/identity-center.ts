import * as core from '@actions/core'
import { rmSync } from 'node:fs'
import { GetRoleCredentialsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso'
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import { checkCredentials } from './answer-check.js'
import type { IdentityCenterConfig } from '../config/index.js'
import type { Credentials, Obtained } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import type { IdToken } from '../token/github.js'
import type { TokenSource } from '../token/source.js'
import { explainIdentityCenterError } from './diagnosis/identity-center.js'
import { reserveSession } from './identity-center-session.js'
import { PROBLEMS } from '../errors/problems.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import type { WrittenFileRecord } from '../state/written-files.js'
import type { SaveState } from '../state/schema.js'
import type { Exchange } from './exchange.js'
import { assumeRoleWithWebIdentity } from './sts.js'
import { warmUpIdentityCenter } from './identity-center-warm-up.js'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
/** The exchange role's credentials serve one signed call: the shortest session STS grants. */
const EXCHANGE_ROLE_SECONDS = 900

/**
 * GitHub token → exchange role (STS) → Identity Center access token (CreateTokenWithIAM, signed by
 * the exchange role) → credentials of a permission set in an account (GetRoleCredentials).
 */
export class IdentityCenterExchange implements Exchange {
  readonly #config: IdentityCenterConfig
  readonly #stsTokens: TokenSource
  readonly #assertions: TokenSource
  readonly #retry: RetryPolicy
  readonly #env: NodeJS.ProcessEnv
  readonly #files: WrittenFileRecord
  readonly #save: SaveState
  /** Who answered the portal's last call, for a message about its answer. */
  #portalAnswer: AnswerSeen | undefined

  constructor(options: {
    config: IdentityCenterConfig
    /** Tokens for the audience of the exchange role's trust policy (input audience). */
    stsTokens: TokenSource
    /** Tokens for the application's trusted token issuer (input identity-center-audience). */
    assertions: TokenSource
    retry: RetryPolicy
    env: NodeJS.ProcessEnv
    /** Records the session's token file, for post to delete. */
    files: WrittenFileRecord
    /** Saves the session for post to sign out. */
    save: SaveState
  }) {
    this.#config = options.config
    this.#stsTokens = options.stsTokens
    this.#assertions = options.assertions
    this.#retry = options.retry
    this.#env = options.env
    this.#files = options.files
    this.#save = options.save
  }

  async obtain(): Promise<Obtained> {
    const config = this.#config
    // The session's records come before its token is asked for (see reserveSession), and before
    // the STS hop, while the tokens are on their way: nothing then waits on these writes. A step
    // that fails before the token came leaves post a record without a token file, which it skips.
    const session = reserveSession(config.identityCenterRegion, this.#env, this.#files, this.#save)
    const exchangeRole = assumeRoleWithWebIdentity(
      { ...config, durationSeconds: EXCHANGE_ROLE_SECONDS, policy: undefined, policyArns: [] },
      this.#stsTokens,
      this.#retry
    ).then((credentials) => {
      for (const secret of [
        credentials.accessKeyId,
        credentials.secretAccessKey,
        credentials.sessionToken
      ])
        core.setSecret(secret)
      return credentials
    })
    // Awaited below; a failed hop must not count as unhandled while the clients are built.
    exchangeRole.catch(() => undefined)
    // Building two clients takes milliseconds: the STS request, whose token may be in hand
    // already, leaves first. A token that cannot be had fails the STS hop, which reports it.
    await this.#stsTokens.current().catch(() => undefined)
    await new Promise((resolve) => setImmediate(resolve))
    // Built, and CreateTokenWithIAM set up as far as its signature, while the STS hop is in
    // flight: the client's first send (middleware, endpoint, serialising) overlaps the round trip,
    // and the request leaves once the signer has the exchange role's credentials.
    const common = awsClientOptions({ ...config, region: config.identityCenterRegion })
    const oidc = new SSOOIDCClient({ ...common, credentials: () => exchangeRole })
    const portal = new SSOClient(common)
    oidc.middlewareStack.use(roundTripLog())
    portal.middlewareStack.use(roundTripLog((seen) => (this.#portalAnswer = seen)))
    const created = this.#createToken(oidc)
    // A failed STS hop fails the token request too; the STS failure is the one to report.
    created.catch(() => undefined)
    await warmUpIdentityCenter(common, config.applicationArn)
    try {
      const credentials = await exchangeRole
      const accessToken = await created
      // The session is either left for post to sign out, its token's file the first write, or
      // signed out here (one attempt): otherwise it would outlive the step until it expired.
      try {
        session.writeToken(accessToken)
        const roleCredentials = await this.#roleCredentials(portal, accessToken)
        return {
          primary: { ...roleCredentials, acceptedClaims: credentials.acceptedClaims },
          profiles: []
        }
      } catch (err) {
        const signedOut = await portal.send(new LogoutCommand({ accessToken })).then(
          () => true,
          () => false
        )
        // Signed out, its token is of no more use; otherwise post tries again with it.
        if (signedOut) rmSync(session.tokenFile, { force: true })
        throw err
      }
    } finally {
      oidc.destroy()
      portal.destroy()
    }
  }

  async #createToken(oidc: SSOOIDCClient): Promise<string> {
    const layer = `sso-oauth:CreateTokenWithIAM on ${this.#config.applicationArn}`
    let assertion: IdToken | undefined
    try {
      const output = await withRetry(
        'Identity Center CreateTokenWithIAM',
        async (n) => {
          // A retry sends a new assertion: a token's jti may count as used once it reached the service.
          assertion = n === 1 ? await this.#assertions.current() : await this.#assertions.fresh()
          return oidc.send(
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
      throw explainIdentityCenterError(err, this.#config, assertion).within(layer)
    }
  }

  async #roleCredentials(portal: SSOClient, accessToken: string): Promise<Credentials> {
    const { accountId, roleName } = this.#config
    const layer = `sso:GetRoleCredentials for ${roleName} in ${accountId}`
    try {
      const output = await withRetry(
        'Identity Center GetRoleCredentials',
        () => portal.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
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
      throw explainIdentityCenterError(err, this.#config, undefined).within(layer)
    }
  }
}
