import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose'
import type { CryptoKey, JSONWebKeySet } from 'jose'

// The algorithms GetWebIdentityToken offers (its SigningAlgorithm member).
export const OUTBOUND_ALGORITHMS = ['RS256', 'ES384'] as const
export type OutboundAlgorithm = (typeof OUTBOUND_ALGORITHMS)[number]

export interface IssuerKeys {
  signing: Record<OutboundAlgorithm, { key: CryptoKey; kid: string }>
  jwks: JSONWebKeySet
}

// An account's issuer keys, one pair per algorithm, made on first use and kept for the emulator's
// life: a scenario change must not invalidate tokens that a verifier has already cached keys for.
export interface IssuerKeyStore {
  keysOf(accountId: string): Promise<IssuerKeys>
}

export function createIssuerKeyStore(): IssuerKeyStore {
  const byAccount = new Map<string, Promise<IssuerKeys>>()
  return {
    keysOf(accountId) {
      let keys = byAccount.get(accountId)
      if (!keys) {
        keys = generateIssuerKeys()
        byAccount.set(accountId, keys)
      }
      return keys
    }
  }
}

async function generateIssuerKeys(): Promise<IssuerKeys> {
  const pairs = await Promise.all(
    OUTBOUND_ALGORITHMS.map(async (alg) => {
      const pair = await generateKeyPair(alg, { extractable: true })
      const jwk = await exportJWK(pair.publicKey)
      const kid = await calculateJwkThumbprint(jwk)
      return { alg, key: pair.privateKey, kid, jwk: { ...jwk, kid, alg, use: 'sig' } }
    })
  )
  const [rs256, es384] = pairs
  return {
    signing: {
      RS256: { key: rs256.key, kid: rs256.kid },
      ES384: { key: es384.key, kid: es384.kid }
    },
    jwks: { keys: pairs.map((p) => p.jwk) }
  }
}
