import type { TokenSource } from './exchanges/exchange.js'
import { requestIdToken, secondsLeft, showClaims } from './id-token.js'
import type { IdToken, TokenRequest } from './id-token.js'

/** Below this, a token may expire on its way to AWS or in AWS's queue: fetch another first. */
const MIN_SECONDS_LEFT = 60

export function tokenSource(request: TokenRequest): TokenSource {
  let last: IdToken | undefined
  const fresh = async () => {
    const token = await requestIdToken(request)
    // Show the claims once; a refreshed token carries the same ones.
    if (!last) showClaims(token)
    last = token
    return token
  }
  return {
    fresh,
    current: async () => (last && secondsLeft(last) >= MIN_SECONDS_LEFT ? last : fresh())
  }
}
