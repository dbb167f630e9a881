import { randomUUID } from 'node:crypto'
import type { EmulatorRequest, Reply } from '../http-message.js'
import { authenticateCaller } from '../sigv4/signed-caller.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { assertActorAllowed } from './actor-policy.js'
import {
  OidcError,
  accessDenied,
  invalidClient,
  invalidGrant,
  invalidRequest,
  invalidScope,
  messageErrorReply,
  oidcErrorReply,
  unauthorizedClient,
  unsupportedGrantType
} from './errors.js'
import { issueTokens } from './issue-tokens.js'
import { resolveAssertion } from './jwt-bearer.js'
import type { IdentityCenterApplication } from './scenario.js'
import type { SsoOidcService } from './service.js'
import { activeRefreshToken, newSessionId } from './tokens.js'

export const SSO_OIDC_PREFIX = '/oidc'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const REFRESH_TOKEN = 'refresh_token'
// Grant types the API knows; an application in this emulator can only hold the first two.
const KNOWN_GRANT_TYPES = [
  JWT_BEARER,
  REFRESH_TOKEN,
  'authorization_code',
  'urn:ietf:params:oauth:grant-type:token-exchange'
]
// Every application has these on top of the access scopes put on it, unless the scenario says
// otherwise (CreateTokenWithIAM API reference, `scope`).
const DEFAULT_SCOPES = ['sts:identity_context', 'openid', 'aws']

// Known before the request is handled, so that the request log and faults can name it.
export function ssoOidcAction(request: EmulatorRequest): string {
  const path = request.url.pathname.slice(SSO_OIDC_PREFIX.length)
  if (request.method !== 'POST' || path !== '/token') return 'NotFound'
  return request.url.searchParams.get('aws_iam') === 't' ? 'CreateTokenWithIAM' : 'CreateToken'
}

export async function handleSsoOidc(
  request: EmulatorRequest,
  service: SsoOidcService
): Promise<Reply> {
  const action = ssoOidcAction(request)
  const requestId = randomUUID()
  // CreateToken (device and authorization-code flows) is not emulated.
  if (action !== 'CreateTokenWithIAM') {
    return messageErrorReply(action, 404, 'UnknownOperationException', 'Not Found', requestId)
  }
  const nowMs = Date.now()
  const auth = authenticateCaller(request, {
    issued: service.issuedCredentials,
    service: 'sso-oauth',
    region: service.scenario().identityCenter.region,
    nowMs
  })
  if (!auth.ok) {
    const { status, code, message } = auth.failure
    return messageErrorReply(action, status, code, message, requestId)
  }
  const input = parseJson(request.body)
  if (input === undefined) {
    return messageErrorReply(action, 400, 'SerializationException', 'Malformed JSON', requestId)
  }
  try {
    const body = await createTokenWithIam(input, auth.caller, service, nowMs)
    return {
      action,
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
      body: JSON.stringify(body)
    }
  } catch (error) {
    if (error instanceof OidcError) return oidcErrorReply(action, error, requestId)
    throw error
  }
}

// The checks in the order the emulator applies them: client, actor, grant type, grant, assignment,
// scopes.
async function createTokenWithIam(
  input: Record<string, unknown>,
  caller: SignedCaller,
  service: SsoOidcService,
  nowMs: number
) {
  const { clientId, grantType } = input
  const missing = Object.entries({ clientId, grantType }).filter(([, v]) => typeof v !== 'string')
  if (missing.length > 0) {
    throw invalidRequest(`Missing required parameter: ${missing.map(([k]) => k).join(', ')}`)
  }
  const scenario = service.scenario()
  const { applications } = scenario.identityCenter
  const applicationArn = clientId as string
  if (!Object.hasOwn(applications, applicationArn)) {
    throw invalidClient('Invalid client: no application has this client id')
  }
  const application = applications[applicationArn]
  assertActorAllowed(caller, applicationArn, application, scenario)

  if (grantType === JWT_BEARER) {
    if (!application.grants.jwtBearer) throw notConfigured(grantType)
    const { identityCenter } = scenario
    const { user, issuer } = await resolveAssertion(
      input.assertion,
      application,
      identityCenter,
      service.verifier,
      nowMs
    )
    if (application.assignmentRequired && !application.assignedUserIds.includes(user.userId)) {
      // AWS names neither the user nor the missing assignment here (field report, see reference).
      throw accessDenied()
    }
    const scopes = grantedScopes(input.scope, application)
    return issueTokens(service, nowMs, {
      sessionId: newSessionId(),
      applicationArn,
      application,
      trustedTokenIssuerArn: issuer.arn,
      user,
      scopes
    })
  }
  if (grantType === REFRESH_TOKEN) {
    if (!application.grants.refreshToken) throw notConfigured(grantType)
    const refreshToken = typeof input.refreshToken === 'string' ? input.refreshToken : ''
    const previous = activeRefreshToken(service.tokens, refreshToken)
    if (!previous || previous.applicationArn !== applicationArn) {
      throw invalidGrant('Invalid refresh token provided')
    }
    return issueTokens(service, nowMs, {
      sessionId: previous.sessionId,
      applicationArn,
      application,
      trustedTokenIssuerArn: previous.trustedTokenIssuerArn,
      user: { userId: previous.userId, userName: previous.userName },
      scopes: previous.scopes,
      refreshToken: previous.refreshToken
    })
  }
  if (KNOWN_GRANT_TYPES.includes(grantType as string)) throw notConfigured(grantType as string)
  throw unsupportedGrantType(`Unsupported grant type: ${grantType}`)
}

function notConfigured(grantType: string): OidcError {
  return unauthorizedClient(`The application is not authorized to use the ${grantType} grant`)
}

// No scope (or an empty list) means every scope the application has.
function grantedScopes(requested: unknown, application: IdentityCenterApplication): string[] {
  const defaults = application.defaultScopes ?? DEFAULT_SCOPES
  const enabled = [...new Set([...defaults, ...application.scopes])]
  if (requested === undefined || (Array.isArray(requested) && requested.length === 0)) {
    return enabled
  }
  if (!Array.isArray(requested) || !requested.every((s) => typeof s === 'string')) {
    throw invalidRequest('scope must be a list of strings')
  }
  const unknown = requested.filter((s) => !enabled.includes(s))
  if (unknown.length > 0) throw invalidScope(`Invalid scope: ${unknown.join(', ')}`)
  return [...new Set(requested)]
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
