import { readFileSync } from 'node:fs'

/**
 * One variable the action set: whether it held a value before, and a fingerprint of what the
 * action put there. The earlier value itself may be a secret (an earlier step's credentials), and
 * state is plain environment in post, so it is kept in a file of its own (STATE_KEYS.previousValues).
 */
export interface EnvChange {
  readonly name: string
  readonly restores: boolean
  readonly digest: string
}

/**
 * A 64-bit FNV-1a fingerprint, so post recognises its own value without the state holding it. It
 * only tells "ours" from "changed since", so it needs no cryptographic hash, and computing it in
 * plain JS spares post the load of node:crypto, which was a third of its start-up over empty node.
 * The 64 bits are kept as four 16-bit parts, so every product fits a double exactly: BigInt
 * arithmetic took a millisecond for one session token, in main and again in post.
 */
export function digestOf(value: string): string {
  const bytes = Buffer.from(value, 'utf8')
  // The FNV offset basis 0xcbf29ce484222325, lowest part first.
  let h0 = 0x2325
  let h1 = 0x8422
  let h2 = 0x9ce4
  let h3 = 0xcbf2
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i]
    // × the FNV prime 2^40 + 0x1b3: each part × 0x1b3, plus the parts 40 bits (2.5 parts) up.
    const t0 = h0 * 0x1b3
    const t1 = h1 * 0x1b3 + (t0 >>> 16)
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16)
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16)
    h0 = t0 & 0xffff
    h1 = t1 & 0xffff
    h2 = t2 & 0xffff
    h3 = t3 & 0xffff
  }
  return [h3, h2, h1, h0].map((part) => part.toString(16).padStart(4, '0')).join('')
}

/** The earlier values main kept for post; a file that is gone or damaged gives none. */
export function readPreviousValues(file: string): Record<string, string> {
  if (!file) return {}
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${file} does not hold the earlier values`)
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string'
    )
  )
}
