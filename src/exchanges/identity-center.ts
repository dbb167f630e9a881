import * as core from '@actions/core'
import { rmSync } from 'node:fs'
import type { IdentityCenterConfig } from '../config/index.js'
import type { Obtained } from '../credentials.js'
import type { TokenSource } from '../token/source.js'
import { reserveSession } from './identity-center-session.js'
import type { RetryPolicy } from '../retry.js'
import type { WrittenFileRecord } from '../state/written-files.js'
import type { SaveState } from '../state/schema.js'
import type { Exchange } from './exchange.js'
import { assumeRoleWithWebIdentity } from './sts.js'
import { nextRequestWritten } from '../net/request-written.js'

const noop = () => undefined
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
    const stsWritten = nextRequestWritten()
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
    // Loading and building Identity Center's clients, and running their calls once, takes the
    // main thread for milliseconds: the STS request is on the wire first. A hop that fails before
    // it sends anything (no token) ends the wait too, and reports its failure below.
    await Promise.race([stsWritten, exchangeRole.then(noop, noop)])
    const calls = new (await import('./identity-center-calls.js')).IdentityCenterCalls(
      config,
      this.#retry,
      exchangeRole
    )
    const created = calls.createToken(this.#assertions)
    // A failed STS hop fails the token request too; the STS failure is the one to report.
    created.catch(noop)
    await calls.warmUp()
    try {
      const credentials = await exchangeRole
      const accessToken = await created
      // The session is either left for post to sign out, its token's file the first write, or
      // signed out here (one attempt): otherwise it would outlive the step until it expired.
      try {
        session.writeToken(accessToken)
        const roleCredentials = await calls.roleCredentials(accessToken)
        return {
          primary: { ...roleCredentials, acceptedClaims: credentials.acceptedClaims },
          profiles: []
        }
      } catch (err) {
        // Signed out, its token is of no more use; otherwise post tries again with it.
        if (await calls.signOut(accessToken)) rmSync(session.tokenFile, { force: true })
        throw err
      }
    } finally {
      calls.destroy()
    }
  }
}
