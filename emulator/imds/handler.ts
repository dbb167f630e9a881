import { randomBytes } from 'node:crypto'
import { textReply } from '../http-message.js'
import type { EmulatorRequest, Reply } from '../http-message.js'
import { issueCredentials } from '../iam/credentials.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { parseRoleArn } from '../iam/role-arn.js'
import type { Scenario } from '../scenario.js'
import { remoteCredentialsJson } from '../iam/remote-credentials.js'

// The EC2 instance metadata service as a self-hosted runner on EC2 sees it, for the credentials
// of the instance profile's role: IMDSv2 only (HttpTokens=required), the setting AWS recommends,
// so a client that skips the session token gets 401 as it would there.

export interface ImdsScenario {
  // The instance profile's role; null: an instance without one (the credentials paths answer 404).
  roleArn: string | null
  // The name the instance's role sessions get, as EC2 names them: the instance id.
  instanceId: string
}

export interface ImdsService {
  scenario(): Scenario
  issuedCredentials: IssuedCredentials[]
}

// The SDKs put every path under /latest on the endpoint they are given.
export const IMDS_PREFIX = '/latest'
const TOKEN_PATH = '/latest/api/token'
const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/'
const TOKEN_TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds'
const TOKEN_HEADER = 'x-aws-ec2-metadata-token'
const MAX_TOKEN_TTL_SECONDS = 21600
// EC2 issues instance profile sessions for six hours.
const SESSION_SECONDS = 6 * 3600

export function imdsAction(request: EmulatorRequest): string {
  const path = request.url.pathname
  if (path === TOKEN_PATH) return 'GetToken'
  if (path === CREDENTIALS_PATH) return 'GetRoleName'
  if (path.startsWith(CREDENTIALS_PATH)) return 'GetCredentials'
  return 'NotFound'
}

/** A handler with its own session tokens, each valid for the TTL its PUT asked. */
export function createImdsHandler(service: ImdsService) {
  const tokens = new Map<string, number>()
  return async (request: EmulatorRequest): Promise<Reply> => {
    const action = imdsAction(request)
    const nowMs = Date.now()
    if (action === 'GetToken') {
      if (request.method !== 'PUT') return textReply(action, 405, 'Method Not Allowed')
      const ttl = Number(request.headers[TOKEN_TTL_HEADER])
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS)
        return textReply(action, 400, 'Bad Request')
      const token = randomBytes(42).toString('base64')
      tokens.set(token, nowMs + ttl * 1000)
      return textReply(action, 200, token, { [TOKEN_TTL_HEADER]: String(ttl) })
    }
    if (action === 'NotFound') return textReply(action, 404, 'Not Found')
    if (request.method !== 'GET') return textReply(action, 405, 'Method Not Allowed')
    const token = request.headers[TOKEN_HEADER]
    const expires = typeof token === 'string' ? tokens.get(token) : undefined
    if (expires === undefined || expires <= nowMs) return textReply(action, 401, 'Unauthorized')
    const { roleArn, instanceId } = service.scenario().imds
    const role = roleArn ? parseRoleArn(roleArn) : undefined
    if (!role) return textReply(action, 404, 'Not Found')
    if (action === 'GetRoleName') return textReply(action, 200, role.roleName)
    if (request.url.pathname !== `${CREDENTIALS_PATH}${role.roleName}`)
      return textReply(action, 404, 'Not Found')
    const credentials = issueCredentials(role, instanceId, SESSION_SECONDS, nowMs)
    service.issuedCredentials.push(credentials)
    return textReply(action, 200, remoteCredentialsJson(credentials, nowMs, 'imds'), {
      'content-type': 'application/json'
    })
  }
}
