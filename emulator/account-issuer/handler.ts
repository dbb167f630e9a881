import { jsonReply } from '../http-message.js'
import type { EmulatorRequest, Reply } from '../http-message.js'
import type { Scenario } from '../scenario.js'
import { OUTBOUND_ALGORITHMS } from './keys.js'
import type { IssuerKeyStore } from './keys.js'

// Each account's outbound identity federation issuer. AWS gives an account
// https://<uuid>.tokens.sts.global.api.aws, serving /.well-known/openid-configuration and
// /.well-known/jwks.json; here the issuer lives under the emulator so that verifiers really
// discover and fetch the keys over loopback.

export interface AccountIssuerService {
  baseUrl: string
  scenario(): Scenario
  keys: IssuerKeyStore
}

export const ACCOUNT_ISSUER_PREFIX = '/accounts'

const ROUTE = /^\/(\d{12})\/issuer\/\.well-known\/(openid-configuration|jwks\.json)$/
const ACTIONS: Record<string, string> = { 'openid-configuration': 'Discovery', 'jwks.json': 'JWKS' }

export function issuerUrl(baseUrl: string, accountId: string): string {
  return `${baseUrl}${ACCOUNT_ISSUER_PREFIX}/${accountId}/issuer`
}

// Known before the request is handled, so that the request log and faults can name it.
export function accountIssuerAction(request: EmulatorRequest): string {
  const m = ROUTE.exec(request.url.pathname.slice(ACCOUNT_ISSUER_PREFIX.length))
  return m ? ACTIONS[m[2]] : 'NotFound'
}

export async function handleAccountIssuer(
  request: EmulatorRequest,
  service: AccountIssuerService
): Promise<Reply> {
  const action = accountIssuerAction(request)
  const m = ROUTE.exec(request.url.pathname.slice(ACCOUNT_ISSUER_PREFIX.length))
  const accountId = m?.[1] ?? ''
  // Only accounts the scenario knows have an issuer (inferred: AWS's hosts are per account).
  if (!m || !Object.hasOwn(service.scenario().aws.accounts, accountId)) {
    return jsonReply(action, 404, { message: 'Not Found' })
  }
  if (request.method !== 'GET') return jsonReply(action, 405, { message: 'Method Not Allowed' })
  const issuer = issuerUrl(service.baseUrl, accountId)
  if (action === 'JWKS') return jsonReply(action, 200, (await service.keys.keysOf(accountId)).jwks)
  return jsonReply(action, 200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...OUTBOUND_ALGORITHMS]
  })
}
