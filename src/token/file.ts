import * as core from '@actions/core'
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import type { Stats } from 'node:fs'
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
    const jwt = readTokenText(path)
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

// A JWT from any issuer we know of is a few kilobytes; this leaves room for large claim sets.
const MAX_TOKEN_BYTES = 16 * 1024

/**
 * The file's text, from a regular file only (a link to one is fine: EKS projects its token so).
 * Opened without blocking and checked on the open descriptor, so that a FIFO, which would block a
 * read forever where no timeout can reach it, or a file swapped in after a check, is refused.
 */
function readTokenText(path: string): string {
  const refuse = (why: string) =>
    new ActionError(
      PROBLEMS.invalidInput,
      [`web-identity-token-file ${path}`],
      [
        `Input web-identity-token-file: ${path} ${why}. Accepted: a regular file (or a link to one) of at most ${MAX_TOKEN_BYTES / 1024} KiB holding one JWT.`
      ]
    )
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    throw refuse(
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`
    )
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw refuse(`is ${kindOf(stats)}, not a regular file`)
    if (stats.size > MAX_TOKEN_BYTES) throw refuse(`holds ${stats.size} bytes, more than a token`)
    return readFileSync(fd, 'utf8').trim()
  } finally {
    closeSync(fd)
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO), whose read could block the step forever'
  if (stats.isDirectory()) return 'a directory'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'something other than a file'
}
