import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../../emulator/faults/token-bucket.js'
import { defaultRetryPolicy, withRetry } from '../../src/retry.js'

// 64 runners released at the same moment against STS throttled at 10 requests a second (burst
// 10), on a virtual clock: the default policy's backoff must see every one through with attempts
// to spare. The bench's load mode runs the same against the emulator with real processes.
const RUNNERS = 64
const MAX_ATTEMPTS = 8
/** At most this many attempts for the unluckiest runner: two of the eight to spare. */
const WORST_ALLOWED = 6
const TRANSIT_MS = 5

/** A clock that jumps to the next timer once every attempt has run as far as it can. */
function virtualTime() {
  let now = 0
  const timers: { at: number; fire: () => void }[] = []
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((fire) => timers.push({ at: now + ms, fire })),
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false
      const finished = work.finally(() => (done = true))
      for (await settle(); !done; await settle()) {
        timers.sort((a, b) => a.at - b.at)
        const next = timers.shift()
        if (!next) throw new Error('nothing left to wait for, yet the runners are not done')
        now = next.at
        next.fire()
      }
      return finished
    }
  }
}

/** mulberry32: the same draws on every run of the test. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })

async function crowd(seed: number): Promise<number[]> {
  const time = virtualTime()
  const bucket = new TokenBucket({ ratePerSecond: 10, burst: 10, now: time.now })
  const policy = {
    ...defaultRetryPolicy(MAX_ATTEMPTS, () => {}),
    sleep: time.sleep,
    now: time.now,
    random: seeded(seed)
  }
  const runner = () =>
    withRetry(
      'STS AssumeRoleWithWebIdentity',
      async (n) => {
        await time.sleep(TRANSIT_MS)
        if (!bucket.tryTake()) throw throttled()
        return n
      },
      policy
    )
  return time.run(Promise.all(Array.from({ length: RUNNERS }, runner)))
}

describe('the default backoff under a crowd', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    `64 runners at once against 10/s: all succeed, none needs more than ${WORST_ALLOWED} attempts (seed %i)`,
    async (seed) => {
      const attempts = await crowd(seed)
      expect(attempts).toHaveLength(RUNNERS)
      expect(Math.max(...attempts)).toBeLessThanOrEqual(WORST_ALLOWED)
    }
  )
})
