import { decodeJwt } from 'jose'
import type { TokenVerifier } from '../sts/token-verifier.js'
import { invalidGrant, invalidRequest } from './errors.js'
import type {
  IdentityCenterApplication,
  IdentityCenterScenario,
  IdentityCenterUser,
  TrustedTokenIssuer
} from './scenario.js'

export interface AssertionMatch {
  user: IdentityCenterUser
  issuer: TrustedTokenIssuer
}

// The jwt-bearer grant: the assertion must come from a trusted token issuer that the application's
// grant authorizes, verify against that issuer's keys, be current, carry an authorized audience and
// a `jti`, and its mapped claim must name exactly one user (AWS Security Blog, "Troubleshooting TTI").
export async function resolveAssertion(
  assertion: unknown,
  application: IdentityCenterApplication,
  identityCenter: IdentityCenterScenario,
  verifier: TokenVerifier,
  nowMs: number
): Promise<AssertionMatch> {
  if (typeof assertion !== 'string' || assertion === '') {
    throw invalidRequest('The assertion is required for the jwt-bearer grant')
  }
  const iss = issuerOf(assertion)
  const authorized = application.grants.jwtBearer?.authorizedTokenIssuers ?? []
  const issuer = identityCenter.trustedTokenIssuers.find(
    (t) => t.issuerUrl === iss && authorized.some((a) => a.trustedTokenIssuerArn === t.arn)
  )
  if (!issuer) {
    throw invalidGrant(`The token issuer ${iss} is not trusted for this application`)
  }

  const claims = await verifier.verify(assertion).catch(() => {
    throw invalidGrant('The assertion signature could not be verified')
  })
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) {
    throw invalidGrant('The assertion has expired')
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') {
    throw invalidGrant('The assertion has no jti claim')
  }
  const audiences = authorized
    .filter((a) => a.trustedTokenIssuerArn === issuer.arn)
    .flatMap((a) => a.authorizedAudiences)
  if (!valuesAt(claims, 'aud').some((aud) => audiences.includes(aud))) {
    throw invalidGrant('The assertion audience is not authorized for this application')
  }

  const [value, ...more] = valuesAt(claims, issuer.claimAttributePath)
  if (value === undefined || more.length > 0) {
    throw invalidGrant(`The assertion has no single-valued claim ${issuer.claimAttributePath}`)
  }
  const users = identityCenter.users.filter((u) =>
    valuesAt(u, issuer.identityStoreAttributePath).includes(value)
  )
  if (users.length !== 1) {
    throw invalidGrant(
      users.length === 0
        ? 'No user matches the assertion'
        : 'More than one user matches the assertion'
    )
  }
  return { user: users[0], issuer }
}

function issuerOf(assertion: string): string {
  let iss: unknown
  try {
    iss = decodeJwt(assertion).iss
  } catch {
    iss = undefined
  }
  if (typeof iss !== 'string') throw invalidGrant('The assertion is not a valid JWT')
  return iss
}

// Attribute paths such as `emails.value` step through arrays, as Identity Store paths do.
export function valuesAt(value: unknown, path: string): string[] {
  let current: unknown[] = [value]
  for (const key of path.split('.')) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((v) => (Object.hasOwn(v, key) ? v[key] : undefined))
  }
  return current
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
    .map(String)
}
