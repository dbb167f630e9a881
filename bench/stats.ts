export interface Summary {
  readonly runs: number
  readonly minMs: number
  readonly medianMs: number
  readonly maxMs: number
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    runs: sorted.length,
    minMs: round(sorted[0]),
    medianMs: round(median(sorted)),
    maxMs: round(sorted.at(-1)!)
  }
}

/** Fisher–Yates, so each round runs the variants in a new order and none always goes first. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
