import { requestIdToken, secondsLeft, showClaims } from './github.js'
import type { IdToken, TokenRequest } from './github.js'

/** The id_tokens for one audience: the current one while it has time left, or a new one. */
export interface TokenSource {
  /** A token with at least a minute left, fetched only when the last one is too old. */
  current(): Promise<IdToken>
  /** A new token, whatever the age of the last one. */
  fresh(): Promise<IdToken>
}

/** Below this, a token may expire on its way to AWS or in AWS's queue: fetch another first. */
const MIN_SECONDS_LEFT = 60

export interface PrefetchingTokenSource extends TokenSource {
  /**
   * Starts the first request now; resolves once it is on the wire (or has failed), so that the
   * exchange's code, whose loading blocks the event loop, loads while GitHub answers instead of
   * holding up the connection and the request.
   */
  prefetch(): Promise<void>
}

export function tokenSource(request: TokenRequest): PrefetchingTokenSource {
  let pending: Promise<IdToken> | undefined
  let served = false
  let shown = false
  const fresh = (onSent?: () => void) => {
    served = false
    pending = requestIdToken(request, onSent).then((token) => {
      // Shown once, as a refreshed token carries the same claims, and on the next turn of the
      // event loop: by then the exchange has put the token in its request and sent it, so the
      // printing is not on the way from GitHub's answer to AWS.
      if (!shown) setImmediate(() => showClaims(token))
      shown = true
      return token
    })
    return pending
  }
  // A token just fetched is used once whatever its age; only a retry looks at what is left.
  const current = async () => {
    const last = await (pending ?? fresh())
    if (!served || secondsLeft(last) >= MIN_SECONDS_LEFT) {
      served = true
      return last
    }
    const next = await fresh()
    served = true
    return next
  }
  return {
    fresh: () => fresh(),
    current,
    prefetch: () =>
      new Promise<void>((sent) => {
        // Whoever awaits the token later gets the failure; here it only ends the wait.
        fresh(sent).then(
          () => sent(),
          () => sent()
        )
      })
  }
}
