import { randomBytes, randomUUID } from 'node:crypto'

// One token response of CreateTokenWithIAM. Refreshing adds a record to the same session;
// signing out (the portal's Logout) ends the whole session.
export interface IdentityCenterToken {
  sessionId: string
  accessToken: string
  refreshToken?: string
  idToken?: string
  identityContext?: string
  auditContext?: string
  // Until when STS accepts the two context assertions in AssumeRole's ProvidedContexts.
  contextExpiresAt?: Date
  credentialId: string
  applicationArn: string
  trustedTokenIssuerArn: string
  userId: string
  userName: string
  scopes: string[]
  expiresAt: Date
  signedOut: boolean
}

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600

// Real access tokens start `aoa` and refresh tokens `aor`; both carry base64 after a colon, so
// `+`, `/` and `=` appear and header handling is exercised.
export function mintAccessToken(): string {
  return `aoa${randomBytes(72).toString('base64url')}:${randomBytes(104).toString('base64')}`
}

export function mintRefreshToken(): string {
  return `aor${randomBytes(72).toString('base64url')}:${randomBytes(104).toString('base64')}`
}

export function mintCredentialId(): string {
  return `AAAAAG${randomBytes(60).toString('base64url')}`
}

// Context assertions are opaque blobs that, like session tokens, open with "\x01\n\torigin_ec".
export function mintContextAssertion(): string {
  return Buffer.concat([Buffer.from('\x01\n\torigin_ec', 'latin1'), randomBytes(240)]).toString(
    'base64'
  )
}

export function newSessionId(): string {
  return randomUUID()
}

export function activeAccessToken(
  tokens: readonly IdentityCenterToken[],
  accessToken: string | undefined,
  nowMs: number
): IdentityCenterToken | undefined {
  if (!accessToken) return undefined
  const token = tokens.find((t) => t.accessToken === accessToken)
  if (!token || token.signedOut || token.expiresAt.getTime() <= nowMs) return undefined
  return token
}

export function activeRefreshToken(
  tokens: readonly IdentityCenterToken[],
  refreshToken: string
): IdentityCenterToken | undefined {
  return tokens.find((t) => t.refreshToken === refreshToken && !t.signedOut)
}

export function signOut(tokens: readonly IdentityCenterToken[], sessionId: string): void {
  for (const token of tokens) if (token.sessionId === sessionId) token.signedOut = true
}

export function tokenSecrets(token: IdentityCenterToken): string[] {
  return [
    token.accessToken,
    token.refreshToken,
    token.idToken,
    token.identityContext,
    token.auditContext
  ].filter((s): s is string => s !== undefined)
}
