import { decodeJwt } from 'jose'
import { assumedRoleId, issueCredentials } from '../iam/credentials.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import type { RoleArn } from '../iam/role-arn.js'
// IAM's trust decision is the action's own: src/trust-policy/, one implementation for both.
import { contextFromClaims, providerId } from '../../src/trust-policy/condition-keys.js'
import { evaluateTrust } from '../../src/trust-policy/evaluate.js'
import type { RoleDefinition, Scenario } from '../scenario.js'
import { StsError, invalidIdentityToken, validationError } from './error.js'
import { parseWebIdentityRequest } from './params.js'
import type { TokenVerifier } from './token-verifier.js'
import type { WebIdentityResult } from './xml.js'

export interface WebIdentityService {
  scenario(): Scenario
  verifier: TokenVerifier
  issuedCredentials: IssuedCredentials[]
}

// AssumeRoleWithWebIdentity, checked in the order AWS checks: parameters, provider, signature,
// expiry, audience, trust policy, session duration.
export async function assumeRoleWithWebIdentity(
  params: URLSearchParams,
  service: WebIdentityService
): Promise<WebIdentityResult> {
  const request = parseWebIdentityRequest(params)
  const { role } = request
  const issuer = issuerOf(request.webIdentityToken)
  const account = service.scenario().aws.accounts[role.accountId]
  const provider = account?.oidcProviders.find((p) => providerId(p.url) === providerId(issuer))
  if (!account || !provider) {
    throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${issuer}`)
  }

  const claims = await service.verifier.verify(request.webIdentityToken)
  const nowMs = Date.now()
  assertNotExpired(claims.exp, nowMs)
  const audience = audiencesOf(claims.aud).find((aud) => provider.clientIds.includes(aud))
  if (audience === undefined) throw invalidIdentityToken('Incorrect token audience')

  const definition = Object.hasOwn(account.roles, role.roleName)
    ? account.roles[role.roleName]
    : undefined
  // An unknown role and an untrusting one look the same to the caller, as on AWS.
  if (!definition || !trusts(definition, role, issuer, claims)) {
    throw new StsError(
      'AccessDenied',
      403,
      'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    )
  }
  if (request.durationSeconds > definition.maxSessionDuration) {
    throw validationError(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    )
  }

  const credentials = {
    ...issueCredentials(role, request.roleSessionName, request.durationSeconds, nowMs),
    federatedProvider: providerArn(role, issuer),
    sessionPolicy: request.policy,
    policyArns: request.policyArns
  }
  service.issuedCredentials.push(credentials)
  return {
    subject: String(claims.sub),
    audience,
    provider: issuer,
    assumedRoleArn: credentials.assumedRoleArn,
    assumedRoleId: assumedRoleId(role, request.roleSessionName),
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration
  }
}

function trusts(
  definition: RoleDefinition,
  role: RoleArn,
  issuer: string,
  claims: Record<string, unknown>
): boolean {
  return evaluateTrust(definition.trustPolicy, {
    providerArn: providerArn(role, issuer),
    action: 'sts:AssumeRoleWithWebIdentity',
    context: contextFromClaims(issuer, claims)
  }).accepted
}

function providerArn(role: RoleArn, issuer: string): string {
  return `arn:${role.partition}:iam::${role.accountId}:oidc-provider/${providerId(issuer)}`
}

function issuerOf(token: string): string {
  let iss: unknown
  try {
    iss = decodeJwt(token).iss
  } catch {
    iss = undefined
  }
  if (typeof iss !== 'string') {
    throw invalidIdentityToken(
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
    )
  }
  return iss
}

function assertNotExpired(exp: unknown, nowMs: number): void {
  const now = Math.floor(nowMs / 1000)
  if (typeof exp !== 'number') throw invalidIdentityToken('Token is missing the exp claim')
  if (exp <= now) {
    throw new StsError(
      'ExpiredTokenException',
      400,
      `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`
    )
  }
}

function audiencesOf(aud: unknown): string[] {
  const values = Array.isArray(aud) ? aud : [aud]
  return values.filter((v): v is string => typeof v === 'string')
}
