import { randomUUID } from 'node:crypto'
import type { EmulatorRequest, Reply } from '../http-message.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import type { WebIdentityService } from './assume-role-with-web-identity.js'
import { assumeRole, callerIdentity } from './assume-role.js'
import type { AssumeRoleService } from './assume-role.js'
import { authenticateStsCaller } from './caller.js'
import { StsError } from './error.js'
import { getWebIdentityToken } from './get-web-identity-token.js'
import type { WebIdentityTokenService } from './get-web-identity-token.js'
import {
  assumeRoleResponseXml,
  callerIdentityResponseXml,
  errorResponseXml,
  webIdentityResponseXml,
  webIdentityTokenResponseXml
} from './xml.js'

export type StsService = WebIdentityService & AssumeRoleService & WebIdentityTokenService

export const STS_PREFIX = '/sts'
const API_VERSION = '2011-06-15'

interface Call {
  params: URLSearchParams
  service: StsService
  requestId: string
  nowMs: number
}

// Each answers with its response XML; the signed ones get the authenticated caller.
const UNSIGNED: Record<string, (call: Call) => Promise<string>> = {
  AssumeRoleWithWebIdentity: async ({ params, service, requestId }) =>
    webIdentityResponseXml(await assumeRoleWithWebIdentity(params, service), requestId)
}

const SIGNED: Record<string, (call: Call, caller: SignedCaller) => Promise<string> | string> = {
  AssumeRole: ({ params, service, requestId, nowMs }, caller) => {
    const { credentials, assumedRoleId } = assumeRole(params, caller, service, nowMs)
    return assumeRoleResponseXml({ ...credentials, assumedRoleId }, requestId)
  },
  GetCallerIdentity: ({ requestId }, caller) =>
    callerIdentityResponseXml(callerIdentity(caller), requestId),
  GetWebIdentityToken: async ({ params, service, requestId, nowMs }, caller) =>
    webIdentityTokenResponseXml(
      await getWebIdentityToken(params, caller, service, nowMs),
      requestId
    )
}

// Known before the request is handled, so that the request log and faults can name it. The
// query string wins over the form, as in handleSts.
export function stsAction(request: EmulatorRequest): string {
  const fromQuery = request.url.searchParams.get('Action')
  const fromForm =
    request.method === 'POST' ? new URLSearchParams(request.body).get('Action') : null
  return (fromQuery ?? fromForm) || 'Unknown'
}

// awsQuery: the operation and its members arrive as form fields (or, for GET, the query string).
export async function handleSts(request: EmulatorRequest, service: StsService): Promise<Reply> {
  const params = new URLSearchParams(request.url.search)
  if (request.method === 'POST') {
    for (const [key, value] of new URLSearchParams(request.body)) params.append(key, value)
  }
  const action = params.get('Action') ?? ''
  const requestId = randomUUID()
  try {
    const path = request.url.pathname.slice(STS_PREFIX.length)
    if (path !== '' && path !== '/') throw new StsError('NotFound', 404, 'Not Found')
    if (request.method !== 'POST' && request.method !== 'GET') {
      throw new StsError('MethodNotAllowed', 405, `${request.method} is not supported`)
    }
    const known = Object.hasOwn(UNSIGNED, action) || Object.hasOwn(SIGNED, action)
    if (!known || params.get('Version') !== API_VERSION) {
      const version = params.get('Version') ?? ''
      throw new StsError(
        'InvalidAction',
        400,
        `Could not find operation ${action} for version ${version}`
      )
    }
    const call = { params, service, requestId, nowMs: Date.now() }
    if (Object.hasOwn(UNSIGNED, action)) {
      return xmlReply(action, 200, await UNSIGNED[action](call), requestId)
    }
    const caller = authenticateStsCaller(request, service.issuedCredentials, call.nowMs)
    return xmlReply(action, 200, await SIGNED[action](call, caller), requestId)
  } catch (error) {
    if (!(error instanceof StsError)) throw error
    const xml = errorResponseXml(error.code, error.message, requestId)
    return xmlReply(action || 'Unknown', error.status, xml, requestId)
  }
}

function xmlReply(action: string, status: number, body: string, requestId: string): Reply {
  return {
    action,
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId },
    body
  }
}
