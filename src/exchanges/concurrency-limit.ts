/**
 * A gate that lets at most `limit` calls run at once; the others wait their turn, in order. Many
 * roles in role-profiles must not become as many requests to STS at the same instant, which would
 * only be throttled.
 */
export function concurrencyLimit(limit: number): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (call) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    running += 1
    try {
      return await call()
    } finally {
      running -= 1
      waiting.shift()?.()
    }
  }
}
