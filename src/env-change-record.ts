/** One variable the action set: what it held before, and a fingerprint of what the action put there. */
export interface EnvChange {
  readonly name: string
  readonly previous: string | null
  readonly digest: string
}

export const STATE_KEY = 'env-changes'

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK_64 = 0xffffffffffffffffn

/**
 * A 64-bit FNV-1a fingerprint, so post recognises its own value without the state holding it. It
 * only tells "ours" from "changed since", so it needs no cryptographic hash, and computing it in
 * plain JS spares post the load of node:crypto, which was a third of its start-up over empty node.
 */
export function digestOf(value: string): string {
  let hash = FNV_OFFSET
  for (const byte of Buffer.from(value, 'utf8'))
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64
  return hash.toString(16).padStart(16, '0')
}

/** What main recorded; absent state means there is nothing to undo. */
export function parseEnvChanges(saved: string): EnvChange[] {
  if (!saved) return []
  const parsed: unknown = JSON.parse(saved)
  if (!Array.isArray(parsed)) throw new Error('the saved state is not a list')
  return parsed.filter(
    (c): c is EnvChange =>
      typeof c?.name === 'string' &&
      typeof c?.digest === 'string' &&
      (c.previous === null || typeof c.previous === 'string')
  )
}
