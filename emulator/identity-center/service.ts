import type { IssuedCredentials } from '../iam/credentials.js'
import type { Scenario } from '../scenario.js'
import type { TokenVerifier } from '../sts/token-verifier.js'
import type { IdTokenSigner } from './id-token.js'
import type { IdentityCenterToken } from './tokens.js'

// What the SSO OIDC and SSO portal handlers share: the tokens one issues and the other honours,
// and the credentials that sign CreateTokenWithIAM (issued by STS) or come out of the portal.
export interface IdentityCenterService {
  scenario(): Scenario
  issuedCredentials: IssuedCredentials[]
  tokens: IdentityCenterToken[]
}

// What only SSO OIDC needs on top: CreateTokenWithIAM verifies assertions and signs id tokens.
export interface SsoOidcService extends IdentityCenterService {
  // Verifies assertions against the trusted token issuer's keys, fetched as Identity Center would.
  verifier: TokenVerifier
  idTokenSigner: IdTokenSigner
}
