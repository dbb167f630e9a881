import { randomUUID } from 'node:crypto'
import type { EmulatorRequest, Reply } from './http-message.js'
import { StsError } from './sts-error.js'
import { errorResponseXml, webIdentityResponseXml } from './sts-xml.js'
import { assumeRoleWithWebIdentity } from './web-identity.js'
import type { WebIdentityService } from './web-identity.js'

export type StsService = WebIdentityService

export const STS_PREFIX = '/sts'
const API_VERSION = '2011-06-15'

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
    if (action !== 'AssumeRoleWithWebIdentity' || params.get('Version') !== API_VERSION) {
      const version = params.get('Version') ?? ''
      throw new StsError(
        'InvalidAction',
        400,
        `Could not find operation ${action} for version ${version}`
      )
    }
    const result = await assumeRoleWithWebIdentity(params, service)
    return xmlReply(action, 200, webIdentityResponseXml(result, requestId), requestId)
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
