import { describe, expect, it } from 'vitest'
import { describeError } from '../../src/errors/aws-error.js'
import { isTransient, RetriesExhausted, withRetry } from '../../src/retry.js'
import type { RetryPolicy } from '../../src/retry.js'
import { ActionError } from '../../src/errors/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'

const err = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'x')), fields)

describe('isTransient', () => {
  it.each([
    ['Throttling', err({ name: 'Throttling', $metadata: { httpStatusCode: 400 } })],
    ['TooManyRequestsException', err({ name: 'TooManyRequestsException' })],
    ['HTTP 429', err({ $metadata: { httpStatusCode: 429 } })],
    ['HTTP 500', err({ $metadata: { httpStatusCode: 500 } })],
    ['HTTP 503 from GitHub', err({ status: 503 })],
    [
      'IDPCommunicationError',
      err({ name: 'IDPCommunicationErrorException', $metadata: { httpStatusCode: 400 } })
    ],
    ['InternalServerException', err({ name: 'InternalServerException' })],
    ['connection reset', err({ code: 'ECONNRESET' })],
    ['socket hang up', err({ message: 'socket hang up' })],
    ['SDK request timeout', err({ name: 'TimeoutError' })]
  ])('retries %s', (_name, e) => {
    expect(isTransient(e)).toBe(true)
  })

  it.each([
    ['AccessDenied', err({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })],
    [
      'InvalidIdentityToken',
      err({ name: 'InvalidIdentityTokenException', $metadata: { httpStatusCode: 400 } })
    ],
    [
      'ExpiredTokenException',
      err({ name: 'ExpiredTokenException', $metadata: { httpStatusCode: 400 } })
    ],
    ['ValidationError', err({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } })],
    ['HTTP 401 from GitHub', err({ status: 401 })],
    ['connection refused', err({ code: 'ECONNREFUSED' })],
    ['a plain bug', new TypeError('x is undefined')]
  ])('does not retry %s', (_name, e) => {
    expect(isTransient(e)).toBe(false)
  })
})

function policy(over: Partial<RetryPolicy> = {}) {
  let clock = 0
  const sleeps: number[] = []
  const p: RetryPolicy = {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    totalBudgetMs: 60_000,
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    random: () => 1,
    now: () => clock,
    notify: () => {},
    ...over
  }
  return { p, sleeps }
}

const transient = () => err({ name: 'Throttling' })

describe('isTransient and errors already explained', () => {
  it('never retries an ActionError, whatever its message quotes', () => {
    const explained = new ActionError(PROBLEMS.tokenServiceFailing, [
      'GitHub OIDC token',
      'gave up after 8 attempts; last error: ECONNRESET, socket hang up'
    ])
    expect(isTransient(explained)).toBe(false)
    expect(isTransient(err({ message: 'socket hang up' }))).toBe(true)
  })
})

describe('withRetry', () => {
  // Steps of 100, 200, 400 ms: half of each for certain, the other half as random draws.
  it.each([
    [0, [50, 100, 200]],
    [0.5, [75, 150, 300]],
    [1, [100, 200, 400]]
  ])(
    'backs off exponentially with half of each step jittered until an attempt succeeds (draw %s)',
    async (draw, expected) => {
      const { p, sleeps } = policy({ random: () => draw })
      let calls = 0
      const value = await withRetry(
        'test',
        async () => (++calls < 4 ? Promise.reject(transient()) : 'ok'),
        p
      )
      expect(value).toBe('ok')
      expect(calls).toBe(4)
      expect(sleeps).toEqual(expected)
    }
  )

  it('caps each delay', async () => {
    const { p, sleeps } = policy({ maxAttempts: 8 })
    await expect(withRetry('test', async () => Promise.reject(transient()), p)).rejects.toThrow(
      RetriesExhausted
    )
    expect(Math.max(...sleeps)).toBe(1_000)
  })

  it('gives up after maxAttempts with the last error as cause', async () => {
    const { p } = policy({ maxAttempts: 3 })
    let calls = 0
    const failure = await withRetry(
      'test',
      async () => Promise.reject(err({ name: 'Throttling', message: `try ${++calls}` })),
      p
    ).catch((e) => e)
    expect(failure).toBeInstanceOf(RetriesExhausted)
    expect(failure.attempts).toBe(3)
    expect((failure.cause as Error).message).toBe('try 3')
  })

  it('gives up when the next delay would pass the total time budget', async () => {
    const { p } = policy({ maxAttempts: 20, totalBudgetMs: 250 })
    let calls = 0
    const failure = await withRetry(
      'test',
      async () => (calls++, Promise.reject(transient())),
      p
    ).catch((e) => e)
    // delays 100 and 200 fit nowhere past 250 ms: 100 ok (t=100), 200 would end at 300 > 250.
    expect(calls).toBe(2)
    expect(failure).toBeInstanceOf(RetriesExhausted)
  })

  it('throws a permanent error at once, unchanged', async () => {
    const { p, sleeps } = policy()
    const denied = err({ name: 'AccessDenied' })
    await expect(withRetry('test', async () => Promise.reject(denied), p)).rejects.toBe(denied)
    expect(sleeps).toEqual([])
  })

  it('throws an error worth retrying but not passing (an expired token) as it is at the cap', async () => {
    const { p } = policy({ maxAttempts: 1 })
    const expired = err({ name: 'ExpiredTokenException' })
    const failure = await withRetry('test', async () => Promise.reject(expired), p, {
      retryable: () => true
    }).catch((e) => e)
    expect(failure).toBe(expired)
  })

  it('makes one attempt when retries are off', async () => {
    const { p } = policy({ maxAttempts: 1 })
    let calls = 0
    await expect(
      withRetry('test', async () => (calls++, Promise.reject(transient())), p)
    ).rejects.toThrow(RetriesExhausted)
    expect(calls).toBe(1)
  })

  it('tells of each retry: what failed and when the next attempt starts', async () => {
    const lines: string[] = []
    const { p } = policy({ notify: (line) => lines.push(line) })
    let calls = 0
    await withRetry(
      'STS call',
      async () =>
        ++calls < 2
          ? Promise.reject(
              err({
                name: 'Throttling',
                message: 'Rate exceeded',
                $metadata: { httpStatusCode: 400 }
              })
            )
          : 'ok',
      p
    )
    expect(lines).toEqual([
      'STS call: Throttling, HTTP 400, Rate exceeded; attempt 2 of 4 in 0.1 s'
    ])
  })

  it('tells the debug log of every decision, to retry or not, and why', async () => {
    const run = async (over: Partial<RetryPolicy>, failures: Error[]) => {
      const lines: string[] = []
      const { p } = policy({ ...over, debug: (line) => lines.push(line) })
      let n = 0
      await withRetry(
        'STS call',
        async () => (n < failures.length ? Promise.reject(failures[n++]) : 'ok'),
        p
      ).catch(() => undefined)
      return lines
    }
    const throttled = err({ name: 'Throttling', message: 'Rate exceeded' })
    expect(await run({}, [throttled])).toEqual([
      'retry: STS call, attempt 1: Throttling, Rate exceeded: retried after 100 ms'
    ])
    expect(await run({}, [err({ name: 'AccessDenied', message: 'no' })])).toEqual([
      'retry: STS call, attempt 1: AccessDenied, no: not retried, a failure that another attempt would not change'
    ])
    expect(await run({ maxAttempts: 2 }, [throttled, throttled])).toEqual([
      'retry: STS call, attempt 1: Throttling, Rate exceeded: retried after 100 ms',
      'retry: STS call, attempt 2: Throttling, Rate exceeded: not retried, all 2 attempts made'
    ])
    expect(await run({ totalBudgetMs: 250 }, [throttled, throttled])).toEqual([
      'retry: STS call, attempt 1: Throttling, Rate exceeded: retried after 100 ms',
      'retry: STS call, attempt 2: Throttling, Rate exceeded: not retried, the next would start after the 0.25 s budget'
    ])
  })

  it('runs beforeRetry before each new attempt, with its number', async () => {
    const { p } = policy()
    const seen: number[] = []
    let calls = 0
    await withRetry('test', async () => (++calls < 3 ? Promise.reject(transient()) : 'ok'), p, {
      beforeRetry: async (n) => void seen.push(n)
    })
    expect(seen).toEqual([2, 3])
  })
})

describe('describeError', () => {
  // Node versions before 24 named the proxy URL as given, user and password included.
  it('never repeats the user and password of a URL in the message', () => {
    const err = Object.assign(
      new Error(
        'Failed to establish tunnel to sts.eu-west-1.amazonaws.com:443 via http://octo:p%40ss@proxy.corp:3128/: HTTP/1.1 503 Service Unavailable'
      ),
      { code: 'ERR_PROXY_TUNNEL', statusCode: 503 }
    )
    const line = describeError(err)
    expect(line).toContain('via http://***@proxy.corp:3128/')
    expect(line).not.toContain('p%40ss')
  })
})
