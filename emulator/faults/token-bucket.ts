export interface TokenBucketOptions {
  ratePerSecond: number
  burst: number
  // Milliseconds; injected so that tests can step time instead of sleeping.
  now?: () => number
}

// Starts full, so a quiet client gets `burst` requests at once before the rate applies, as AWS
// request throttling does.
export class TokenBucket {
  private readonly ratePerMs: number
  private readonly burst: number
  private readonly now: () => number
  private tokens: number
  private refilledAt: number

  constructor({ ratePerSecond, burst, now = () => performance.now() }: TokenBucketOptions) {
    this.ratePerMs = Math.max(0, ratePerSecond) / 1000
    this.burst = Math.max(0, burst)
    this.now = now
    this.tokens = this.burst
    this.refilledAt = now()
  }

  tryTake(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs)
    this.refilledAt = now
  }
}
