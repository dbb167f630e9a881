import { createHash, randomUUID } from 'node:crypto'
import type { EmulatorRequest, Reply } from '../http-message.js'
import { issueCredentials } from '../iam/credentials.js'
import { parseRoleArn } from '../iam/role-arn.js'
import { messageErrorReply } from './errors.js'
import type { IdentityCenterScenario } from './scenario.js'
import type { IdentityCenterService } from './service.js'
import { activeAccessToken, signOut } from './tokens.js'

export const SSO_PORTAL_PREFIX = '/portal'

const BEARER_HEADER = 'x-amz-sso_bearer_token'
const ACCOUNT_ACCESS_SCOPE = 'sso:account:access'
const ACCOUNT_ID = /^\d{12}$/
const DEFAULT_SESSION_SECONDS = 3600
// Role session names allow only these; anything else in a user name is replaced.
const SESSION_NAME_CHARS = /[^\w+=,.@-]/g

// Known before the request is handled, so that the request log and faults can name it.
export function ssoPortalAction(request: EmulatorRequest): string {
  const path = request.url.pathname.slice(SSO_PORTAL_PREFIX.length)
  if (request.method === 'GET' && path === '/federation/credentials') return 'GetRoleCredentials'
  if (request.method === 'POST' && path === '/logout') return 'Logout'
  return 'NotFound'
}

// The portal API is unsigned: the access token from CreateTokenWithIAM is the only credential.
export async function handleSsoPortal(
  request: EmulatorRequest,
  service: IdentityCenterService
): Promise<Reply> {
  const action = ssoPortalAction(request)
  const requestId = randomUUID()
  const error = (status: number, code: string, message: string) =>
    messageErrorReply(action, status, code, message, requestId)
  const nowMs = Date.now()
  const bearer = request.headers[BEARER_HEADER]
  const token = activeAccessToken(service.tokens, Array.isArray(bearer) ? bearer[0] : bearer, nowMs)
  const unauthorized = () =>
    error(401, 'UnauthorizedException', 'Session token not found or invalid')

  if (action === 'Logout') {
    if (!token) return unauthorized()
    // Ends the sign-in session (all its access and refresh tokens); role credentials already
    // issued stay valid until they expire, as AWS documents for Logout.
    signOut(service.tokens, token.sessionId)
    return { action, status: 200, headers: { 'x-amzn-requestid': requestId }, body: '' }
  }
  if (action !== 'GetRoleCredentials') return error(404, 'UnknownOperationException', 'Not Found')

  const roleName = request.url.searchParams.get('role_name')
  const accountId = request.url.searchParams.get('account_id')
  const invalid = [
    ...(roleName ? [] : ['role_name is required']),
    ...(accountId === null || accountId === '' ? ['account_id is required'] : []),
    ...(accountId && !ACCOUNT_ID.test(accountId) ? ['account_id must be 12 digits'] : [])
  ]
  if (invalid.length > 0) return error(400, 'InvalidRequestException', invalid.join('; '))
  // Without the scope the token is not one the portal accepts at all (inferred: not documented).
  if (!token || !token.scopes.includes(ACCOUNT_ACCESS_SCOPE)) return unauthorized()

  const { identityCenter } = service.scenario()
  const assigned = identityCenter.accountAssignments.some(
    (a) => a.userId === token.userId && a.accountId === accountId && a.permissionSet === roleName
  )
  // What the CLI shows for a role the user has no assignment for.
  if (!assigned) return error(403, 'ForbiddenException', 'No access')

  const permissionSets = identityCenter.permissionSets
  const duration = Object.hasOwn(permissionSets, roleName!)
    ? permissionSets[roleName!].sessionDurationSeconds
    : DEFAULT_SESSION_SECONDS
  const role = parseRoleArn(reservedRoleArn(identityCenter, accountId!, roleName!))!
  const sessionName = token.userName.replace(SESSION_NAME_CHARS, '_').slice(0, 64)
  const credentials = issueCredentials(role, sessionName, duration, nowMs)
  service.issuedCredentials.push(credentials)
  return {
    action,
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify({
      roleCredentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        expiration: credentials.expiration.getTime()
      }
    })
  }
}

// The role Identity Center provisions for a permission set, e.g.
// role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DeployAccess_7243976e43c75fc5; the
// suffix is stable per instance, account and permission set.
export function reservedRoleArn(
  identityCenter: IdentityCenterScenario,
  accountId: string,
  permissionSet: string
): string {
  const suffix = createHash('sha256')
    .update(`${identityCenter.instanceArn}/${accountId}/${permissionSet}`)
    .digest('hex')
    .slice(0, 16)
  const region = identityCenter.region === 'us-east-1' ? '' : `${identityCenter.region}/`
  return (
    `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${region}` +
    `AWSReservedSSO_${permissionSet}_${suffix}`
  )
}
