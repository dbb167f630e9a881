import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { JWTPayload } from 'jose'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

/** What an identity-enhanced session needs from Identity Center's answer. */
export interface IdentityContext {
  /** The sts:identity_context claim: a bearer credential for the user's identity. Never print it. */
  readonly assertion: string
  /** The Identity Center user the token was issued for (its `sub`). */
  readonly userId: string
}

/** The parts of a CreateTokenWithIAM answer this reads. */
export interface ContextTokens {
  readonly accessToken?: string
  readonly refreshToken?: string
  readonly idToken?: string
  readonly awsAdditionalDetails?: { readonly identityContext?: string }
}

const CLAIM = 'sts:identity_context'
/** STS takes an assertion of 4 to 2048 characters (ProvidedContext, ContextAssertion). */
const ASSERTION_LENGTH = { min: 4, max: 2048 }

/**
 * Reads the identity context from the id token, after checking that the token is one to use.
 *
 * Its signature is not checked. Identity Center publishes no key set for its id tokens: neither
 * the SSO OIDC API reference nor the user guide names one, and the `iss` it puts in them
 * (https://identitycenter.amazonaws.com/INSTANCE_ID) serves no discovery document we could find.
 * The token comes in the body of Identity Center's answer to this step's own SigV4-signed request
 * over TLS, and the assertion inside it is sealed by STS, which checks it itself. So what is
 * checked here is that the answer is sane: a JWT for this application, still current, naming a
 * user and carrying the claim, in agreement with awsAdditionalDetails.identityContext.
 */
export function readIdentityContext(
  tokens: ContextTokens,
  applicationArn: string,
  nowMs: number
): IdentityContext {
  const layer = 'the id token from CreateTokenWithIAM'
  const unusable = (why: string, lines: readonly string[] = []) =>
    new ActionError(PROBLEMS.idTokenNotUsable, [layer, why], lines)
  if (!tokens.idToken) {
    throw unusable('the answer holds no id token', [
      'Identity Center returns an id token with the openid scope, which every application has by default; check the application’s access scopes.'
    ])
  }
  const claims = decode(tokens.idToken)
  if (!claims) throw unusable('it is not a signed JWT')
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.includes(applicationArn)) {
    throw unusable(`it is not for ${applicationArn}`)
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) {
    throw unusable('it has expired, or carries no expiry')
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw unusable('it names no user (no sub claim)')
  }
  const assertion = claims[CLAIM]
  if (assertion === undefined) {
    throw new ActionError(
      PROBLEMS.identityContextScopeMissing,
      [layer, `it carries no ${CLAIM} claim`],
      [
        `The application ${applicationArn} has no ${CLAIM} scope, so Identity Center issued no identity context.`,
        'It is one of the default scopes (with openid and aws); give the application the scope back, or use an application that has it.'
      ]
    )
  }
  if (
    typeof assertion !== 'string' ||
    assertion.length < ASSERTION_LENGTH.min ||
    assertion.length > ASSERTION_LENGTH.max
  ) {
    throw unusable(`its ${CLAIM} claim is not an assertion STS would take`)
  }
  const detailed = tokens.awsAdditionalDetails?.identityContext
  if (detailed !== undefined && detailed !== assertion) {
    throw unusable(`its ${CLAIM} claim differs from awsAdditionalDetails.identityContext`)
  }
  return { assertion, userId: claims.sub }
}

/** Every secret of the answer, the context claims inside the id token included, for masking. */
export function secretsOf(tokens: ContextTokens): string[] {
  const claims = tokens.idToken ? decode(tokens.idToken) : undefined
  return [
    tokens.accessToken,
    tokens.refreshToken,
    tokens.idToken,
    tokens.awsAdditionalDetails?.identityContext,
    claims?.[CLAIM],
    claims?.['sts:audit_context']
  ].filter((s): s is string => typeof s === 'string' && s !== '')
}

/** The claims of a compact JWS that names a signing algorithm, or undefined. */
function decode(jwt: string): JWTPayload | undefined {
  try {
    const { alg } = decodeProtectedHeader(jwt)
    if (!alg || alg === 'none') return undefined
    return decodeJwt(jwt)
  } catch {
    return undefined
  }
}
