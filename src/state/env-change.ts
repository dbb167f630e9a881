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
