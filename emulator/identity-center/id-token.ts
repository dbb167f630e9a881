import { randomBytes } from 'node:crypto'
import { SignJWT, generateKeyPair } from 'jose'
import type { CryptoKey } from 'jose'

export interface IdTokenSigner {
  sign(claims: Record<string, unknown>): Promise<string>
}

// Identity Center signs its id tokens with its own key, which nothing here ever needs to verify;
// the key is made on first use so that an emulator that never serves Identity Center pays nothing.
export function createIdTokenSigner(): IdTokenSigner {
  let key: Promise<{ privateKey: CryptoKey; kid: string }> | undefined
  return {
    async sign(claims) {
      key ??= generateKeyPair('RS256').then(({ privateKey }) => ({
        privateKey,
        kid: randomBytes(20).toString('base64url')
      }))
      const { privateKey, kid } = await key
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey)
    }
  }
}

export interface IdTokenSubject {
  instanceArn: string
  identityStoreId: string
  applicationArn: string
  trustedTokenIssuerArn: string
  userId: string
  credentialId: string
  identityContext: string | undefined
  auditContext: string | undefined
}

// The claims of the documented jwt-bearer example (AWS Security Blog, "trusted token issuer").
export function idTokenClaims(subject: IdTokenSubject, nowSeconds: number, lifetime: number) {
  const instanceId = subject.instanceArn.slice(subject.instanceArn.lastIndexOf('/') + 1)
  const account = subject.applicationArn.split(':')[4]
  return {
    'aws:identity_store_id': subject.identityStoreId,
    ...(subject.identityContext ? { 'sts:identity_context': subject.identityContext } : {}),
    sub: subject.userId,
    'aws:instance_account': account,
    iss: `https://identitycenter.amazonaws.com/${instanceId}`,
    ...(subject.auditContext ? { 'sts:audit_context': subject.auditContext } : {}),
    'aws:identity_store_arn': `arn:aws:identitystore::${account}:identitystore/${subject.identityStoreId}`,
    aud: subject.applicationArn,
    'aws:instance_arn': subject.instanceArn,
    'aws:credential_id': subject.credentialId,
    act: { sub: subject.trustedTokenIssuerArn },
    'aws:application_arn': subject.applicationArn,
    auth_time: new Date(nowSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    exp: nowSeconds + lifetime,
    iat: nowSeconds
  }
}
