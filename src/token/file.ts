import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { decodeJwt } from 'jose'
import { ActionError } from '../errors/index.js'
import type { TokenSource } from './source.js'
import { secondsLeft, showClaims } from './github.js'
import type { IdToken } from './github.js'
import { PROBLEMS } from '../errors/problems.js'

/**
 * The web identity token from a file another process keeps fresh (a self-hosted runner's agent, an
 * EKS projected token). Read anew each time; an expired one is refused before it is sent.
 */
export function fileTokenSource(path: string): TokenSource {
  let shown = false
  const read = async (): Promise<IdToken> => {
    let jwt: string
    try {
      jwt = readFileSync(path, 'utf8').trim()
    } catch (err) {
      throw new ActionError(
        PROBLEMS.invalidInput,
        [`web-identity-token-file ${path}`],
        [
          `Input web-identity-token-file: ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`
        ]
      )
    }
    if (jwt) core.setSecret(jwt)
    let claims: Record<string, unknown>
    try {
      claims = decodeJwt(jwt)
    } catch {
      throw new ActionError(
        PROBLEMS.invalidInput,
        [`web-identity-token-file ${path}`],
        [`Input web-identity-token-file: ${path} does not hold a JWT.`]
      )
    }
    const token = { jwt, claims }
    if (!shown) showClaims(token)
    shown = true
    if (secondsLeft(token) <= 0) {
      throw new ActionError(
        PROBLEMS.tokenExpired,
        [
          `web-identity-token-file ${path}`,
          `expired at ${new Date(Number(claims.exp) * 1000).toISOString()}`
        ],
        [
          'The token in the file had expired before it was sent; nothing was sent. Whatever writes the file must refresh it (EKS projects a new token well before expiry).'
        ]
      )
    }
    return token
  }
  return { current: read, fresh: read }
}
