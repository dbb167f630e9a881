/**
 * Holds each of the first `size` callers until the last of them arrives, then lets them all go
 * at once: many runners released at the same moment, whatever their start-up times. Callers
 * after those pass at once.
 */
export class Barrier {
  private readonly size: number
  private arrived = 0
  private readonly released: Promise<void>
  private release!: () => void

  constructor(size: number) {
    this.size = size
    this.released = new Promise((resolve) => (this.release = resolve))
  }

  arrive(): Promise<void> {
    this.arrived += 1
    if (this.arrived >= this.size) this.release()
    return this.released
  }
}
