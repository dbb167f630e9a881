import { compactVerify, createRemoteJWKSet, errors } from 'jose'
import { invalidIdentityToken } from './error.js'

export interface TokenVerifier {
  // Resolves the verified payload; rejects with an StsError (InvalidIdentityToken).
  verify(token: string): Promise<Record<string, unknown>>
}

// The algorithms AssumeRoleWithWebIdentity accepts for OIDC tokens.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']
const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference " +
  'AssumeRoleWithWebIdentity documentation for requirements'

// Like STS, this discovers the JWKS through the issuer's openid-configuration and fetches it over
// HTTP. `headers` mark those fetches so that the emulator keeps them out of the client request log.
export function createTokenVerifier(
  discoveryUrl: string,
  headers: Record<string, string>
): TokenVerifier {
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined

  const resolveKeySet = () => {
    if (!keySet) {
      keySet = discoverJwksUri(discoveryUrl, headers).then((uri) =>
        createRemoteJWKSet(new URL(uri), { headers })
      )
      // A failed discovery is not cached: the next request tries again, as STS would.
      keySet.catch(() => (keySet = undefined))
    }
    return keySet
  }

  return {
    async verify(token) {
      try {
        const jwks = await resolveKeySet()
        const { payload } = await compactVerify(token, jwks, { algorithms: ALGORITHMS })
        return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
      } catch (error) {
        if (error instanceof errors.JWSSignatureVerificationFailed) {
          throw invalidIdentityToken('The web identity token signature could not be verified.')
        }
        throw invalidIdentityToken(NO_KEY)
      }
    }
  }
}

async function discoverJwksUri(discoveryUrl: string, headers: Record<string, string>) {
  const response = await fetch(discoveryUrl, { headers })
  if (!response.ok) throw new Error(`discovery returned HTTP ${response.status}`)
  const document = (await response.json()) as { jwks_uri?: unknown }
  if (typeof document.jwks_uri !== 'string') throw new Error('discovery has no jwks_uri')
  return document.jwks_uri
}
