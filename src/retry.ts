// Retries only what can succeed on a later attempt, with exponential backoff and jitter, bounded
// in attempts and in total time.
import { ActionError } from './errors/index.js'
import { describeError, documentedCode, httpStatus } from './errors/aws-error.js'
import type { AwsErrorShape } from './errors/aws-error.js'

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** No retry starts once this much time has passed since the first attempt. */
  readonly totalBudgetMs: number
  /**
   * No retry after this many attempts ran into the request deadline: an endpoint or proxy that
   * holds a request that long seldom recovers within the step, and each more attempt only delays
   * the message by a whole deadline. Unlimited when absent.
   */
  readonly maxTimedOutAttempts?: number
  readonly sleep: (ms: number) => Promise<void>
  readonly random: () => number
  readonly now: () => number
  /** Told of each retry, with what failed and when the next attempt starts. */
  readonly notify: (line: string) => void
  /** Told of every decision, to retry or not, and why: the debug log. */
  readonly debug?: (line: string) => void
}

export const defaultRetryPolicy = (
  maxAttempts: number,
  notify: (line: string) => void,
  debug?: (line: string) => void
): RetryPolicy => ({
  maxAttempts,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  totalBudgetMs: 60_000,
  // With the default 10 s deadline, a dripping or hung endpoint fails within about 21 s.
  maxTimedOutAttempts: 2,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
  notify,
  debug
})

// AWS codes as documented (documentedCode drops the SDK's Exception), then node's network errors.
const TRANSIENT_CODES = new Set([
  'Throttling',
  'TooManyRequests',
  'RequestLimitExceeded',
  'SlowDown',
  'IDPCommunicationError',
  'InternalServer',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'TimeoutError',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET'
])

/** Throttling, 5xx, IDPCommunicationError, resets and timeouts; nothing else. */
export function isTransient(err: unknown): boolean {
  // Already explained by a layer below, which made its own attempts (the token request does).
  if (err instanceof ActionError) return false
  const e = (err ?? {}) as AwsErrorShape
  const status = httpStatus(err)
  if (status === 429 || (status !== undefined && status >= 500)) return true
  for (const code of [e.name, e.Code, e.code]) {
    if (code && TRANSIENT_CODES.has(documentedCode(code))) return true
  }
  // A proxy that could not reach the endpoint this time (502, 503, 504) may reach it the next.
  if (e.code === 'ERR_PROXY_TUNNEL') return (e.statusCode ?? 0) >= 500
  return /socket hang up/i.test(e.message ?? '')
}

/** Thrown when transient failures outlast the policy; carries the last error and the count. */
export class RetriesExhausted extends Error {
  readonly attempts: number
  readonly elapsedMs: number
  constructor(last: unknown, attempts: number, elapsedMs: number) {
    super(
      `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s`,
      {
        cause: last
      }
    )
    this.name = 'RetriesExhausted'
    this.attempts = attempts
    this.elapsedMs = elapsedMs
  }
}

/**
 * The wait before attempt n + 1: half the step (base × 2^(n-1), capped) for certain, the other half
 * at random. With full jitter (anything from zero to the step), a crowd of runners throttled at
 * the same moment keeps some drawing short waits, which land while the throttle is still empty
 * and use up their attempts: 64 runners against 10 requests a second needed 7 or 8 of 8. The
 * floor spreads each round of retries over the refill instead (4 or 5 of 8, retry-crowd.test.ts).
 */
function backoff(policy: RetryPolicy, n: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1))
  return step / 2 + (policy.random() * step) / 2
}

/**
 * Runs `attempt` until it succeeds, fails with a permanent error (thrown as it is), or the
 * policy runs out (RetriesExhausted with the last error as its cause). `beforeRetry` runs before
 * each new attempt, e.g. to fetch a fresh token.
 */
export async function withRetry<T>(
  what: string,
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  options: {
    retryable?: (err: unknown) => boolean
    beforeRetry?: (n: number, err: unknown) => Promise<void>
  } = {}
): Promise<T> {
  const retryable = options.retryable ?? isTransient
  const started = policy.now()
  let timedOut = 0
  for (let n = 1; ; n++) {
    try {
      return await attempt(n)
    } catch (err) {
      const decided = (decision: string) =>
        policy.debug?.(`retry: ${what}, attempt ${n}: ${describeError(err)}: ${decision}`)
      if (!retryable(err)) {
        decided('not retried, a failure that another attempt would not change')
        throw err
      }
      const delay = backoff(policy, n)
      const elapsed = policy.now() - started
      if ((err as Error | undefined)?.name === 'TimeoutError') timedOut += 1
      const outOfTime = timedOut >= (policy.maxTimedOutAttempts ?? Infinity)
      if (n >= policy.maxAttempts || outOfTime || elapsed + delay > policy.totalBudgetMs) {
        decided(
          n >= policy.maxAttempts
            ? `not retried, all ${policy.maxAttempts} attempts made`
            : outOfTime
              ? `not retried, ${timedOut} attempts ran into the request deadline`
              : `not retried, the next would start after the ${policy.totalBudgetMs / 1000} s budget`
        )
        // Worth another attempt but not a passing fault (an expired token): its own diagnosis.
        throw isTransient(err) ? new RetriesExhausted(err, n, elapsed) : err
      }
      decided(`retried after ${Math.round(delay)} ms`)
      policy.notify(
        `${what}: ${describeError(err)}; attempt ${n + 1} of ${policy.maxAttempts} in ${(delay / 1000).toFixed(1)} s`
      )
      await policy.sleep(delay)
      await options.beforeRetry?.(n + 1, err)
    }
  }
}
