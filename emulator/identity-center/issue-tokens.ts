import { idTokenClaims } from './id-token.js'
import type { IdentityCenterApplication, IdentityCenterUser } from './scenario.js'
import type { SsoOidcService } from './service.js'
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  mintAccessToken,
  mintContextAssertion,
  mintCredentialId,
  mintRefreshToken
} from './tokens.js'
import type { IdentityCenterToken } from './tokens.js'

export interface TokenGrant {
  sessionId: string
  applicationArn: string
  application: IdentityCenterApplication
  trustedTokenIssuerArn: string
  user: Pick<IdentityCenterUser, 'userId' | 'userName'>
  scopes: string[]
  // Kept across refreshes of one session.
  refreshToken?: string
}

// The CreateTokenWithIAM response. What it holds follows the evidence: a refresh token only when
// the application has the refresh_token grant (AWS's jwt-bearer examples show both shapes, and
// `issuedTokenType` says which), an id token only with `openid`, the identity context only with
// `sts:identity_context` (a CloudTrail record of a jwt-bearer call that asked for
// `sso:account:access` alone shows neither).
export async function issueTokens(service: SsoOidcService, nowMs: number, grant: TokenGrant) {
  const { identityCenter } = service.scenario()
  const nowSeconds = Math.floor(nowMs / 1000)
  const refreshToken = grant.application.grants.refreshToken
    ? (grant.refreshToken ?? mintRefreshToken())
    : undefined
  const withContext = grant.scopes.includes('sts:identity_context')
  const identityContext = withContext ? mintContextAssertion() : undefined
  const auditContext = withContext ? mintContextAssertion() : undefined
  const credentialId = mintCredentialId()
  const idTokenLifetime = identityCenter.idTokenLifetimeSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS
  const contextLifetime = identityCenter.contextAssertionLifetimeSeconds ?? idTokenLifetime
  const idToken = grant.scopes.includes('openid')
    ? await service.idTokenSigner.sign(
        idTokenClaims(
          {
            instanceArn: identityCenter.instanceArn,
            identityStoreId: identityCenter.identityStoreId,
            applicationArn: grant.applicationArn,
            trustedTokenIssuerArn: grant.trustedTokenIssuerArn,
            userId: grant.user.userId,
            credentialId,
            identityContext,
            auditContext
          },
          nowSeconds,
          idTokenLifetime
        )
      )
    : undefined
  const token: IdentityCenterToken = {
    sessionId: grant.sessionId,
    accessToken: mintAccessToken(),
    refreshToken,
    idToken,
    identityContext,
    auditContext,
    ...(withContext && { contextExpiresAt: new Date(nowMs + contextLifetime * 1000) }),
    credentialId,
    applicationArn: grant.applicationArn,
    trustedTokenIssuerArn: grant.trustedTokenIssuerArn,
    userId: grant.user.userId,
    userName: grant.user.userName,
    scopes: grant.scopes,
    expiresAt: new Date(nowMs + ACCESS_TOKEN_LIFETIME_SECONDS * 1000),
    signedOut: false
  }
  service.tokens.push(token)
  return {
    accessToken: token.accessToken,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
    issuedTokenType: `urn:ietf:params:oauth:token-type:${refreshToken ? 'refresh_token' : 'access_token'}`,
    scope: grant.scopes,
    ...(identityContext ? { awsAdditionalDetails: { identityContext } } : {})
  }
}
