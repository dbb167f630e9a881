import { createHash } from 'node:crypto'
import { exportJWK, exportSPKI, generateKeyPair } from 'jose'
import type { CryptoKey, JSONWebKeySet } from 'jose'

export interface SigningKeys {
  issuer: CryptoKey
  // Never published: tokens it signs must fail verification even though they claim the issuer's kid.
  rogue: CryptoKey
  kid: string
  x5t: string
  jwks: JSONWebKeySet
}

export async function generateSigningKeys(): Promise<SigningKeys> {
  const [issuer, rogue] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true })
  ])
  // GitHub's kid is the upper-case hex SHA-1 thumbprint and x5t the same bytes in base64url.
  // There is no certificate here, so the thumbprint is taken over the public key instead.
  const thumbprint = createHash('sha1')
    .update(pemToDer(await exportSPKI(issuer.publicKey)))
    .digest()
  const kid = thumbprint.toString('hex').toUpperCase()
  const x5t = thumbprint.toString('base64url')
  const jwk = await exportJWK(issuer.publicKey)
  return {
    issuer: issuer.privateKey,
    rogue: rogue.privateKey,
    kid,
    x5t,
    jwks: { keys: [{ ...jwk, kid, x5t, alg: 'RS256', use: 'sig' }] }
  }
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
}
