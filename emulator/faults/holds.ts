/** A request held at the emulator until the test lets it go. */
export interface Hold {
  /** Resolves when the held request has arrived (before any fault or handler sees it). */
  readonly arrived: Promise<void>
  release(): void
}

/**
 * Requests held one by one, for tests that must act between a request's arrival and its answer:
 * the next request to a key ("<service>:<Action>", or "<service>:*") waits for release().
 */
export function createHolds() {
  const waiting = new Map<string, { arrive: () => void; released: Promise<void> }[]>()
  return {
    holdNext(key: string): Hold {
      let arrive!: () => void
      let release!: () => void
      const arrived = new Promise<void>((resolve) => (arrive = resolve))
      const released = new Promise<void>((resolve) => (release = resolve))
      waiting.set(key, [...(waiting.get(key) ?? []), { arrive, released }])
      return { arrived, release }
    },
    /** Waits while a hold applies to this request; the first hold on its key is used up. */
    async pass(service: string, action: string): Promise<void> {
      const key = [`${service}:${action}`, `${service}:*`].find((k) => waiting.get(k)?.length)
      const hold = key === undefined ? undefined : waiting.get(key)!.shift()
      if (!hold) return
      hold.arrive()
      await hold.released
    },
    clear: () => waiting.clear()
  }
}
