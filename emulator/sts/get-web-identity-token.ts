import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import type { JWTPayload } from 'jose'
import type { IssuerKeyStore } from '../account-issuer/keys.js'
import { parseRoleArn } from '../iam/role-arn.js'
import { roleDefinition, rolePermits } from '../iam/role-permissions.js'
import type { Scenario } from '../scenario.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { StsError, accessDenied } from './error.js'
import { parseWebIdentityTokenRequest } from './get-web-identity-token-params.js'
import type { WebIdentityTokenRequest } from './get-web-identity-token-params.js'
import { isoSeconds } from './xml.js'

export interface WebIdentityTokenService {
  scenario(): Scenario
  issuerUrl(accountId: string): string
  issuerKeys: IssuerKeyStore
  issuedWebIdentityTokens: string[]
}

export interface WebIdentityTokenResult {
  token: string
  expiration: Date
}

const ACTION = 'sts:GetWebIdentityToken'
// Where AWS nests its own claims and the request tags.
export const STS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/'
// AWS documents no number for JWTPayloadSizeExceeded; this one is the emulator's choice, large
// enough for ordinary requests and reachable with a few dozen long request tags.
export const MAX_PAYLOAD_BYTES = 4096

// GetWebIdentityToken (outbound identity federation), checked in this order: parameters, the
// caller's permission, the account's feature switch, the session's expiry, the payload's size.
export async function getWebIdentityToken(
  params: URLSearchParams,
  caller: SignedCaller,
  service: WebIdentityTokenService,
  nowMs: number
): Promise<WebIdentityTokenResult> {
  const request = parseWebIdentityTokenRequest(params)
  const scenario = service.scenario()
  if (!rolePermits(scenario, caller.roleArn, ACTION)) {
    throw accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${ACTION} ` +
        `because no identity-based policy allows the ${ACTION} action`
    )
  }
  const accountId = parseRoleArn(caller.roleArn)?.accountId ?? ''
  const accounts = scenario.aws.accounts
  const account = Object.hasOwn(accounts, accountId) ? accounts[accountId] : undefined
  if (!account?.outboundIdentityFederation?.enabled) {
    throw new StsError(
      'OutboundWebIdentityFederationDisabledException',
      403,
      'The outbound web identity federation feature is not enabled for this account. To use ' +
        'this feature, you must first enable it through the AWS Management Console or API.'
    )
  }
  // Millisecond precision, as the API reference's sample Expiration shows.
  const expiration = new Date(nowMs + request.durationSeconds * 1000)
  if (expiration.getTime() > caller.expiration.getTime()) {
    throw new StsError(
      'SessionDurationEscalationException',
      403,
      `The requested token duration would extend the session beyond its original expiration ` +
        `time (${isoSeconds(caller.expiration)}).`
    )
  }

  const claims = tokenClaims(request, caller, scenario, {
    issuer: service.issuerUrl(accountId),
    accountId,
    nowMs,
    expiration
  })
  if (Buffer.byteLength(JSON.stringify(claims)) > MAX_PAYLOAD_BYTES) {
    throw new StsError(
      'JWTPayloadSizeExceededException',
      400,
      'The requested token payload size exceeds the maximum allowed size. Reduce the number ' +
        'of request tags included in the GetWebIdentityToken API call.'
    )
  }
  const { key, kid } = (await service.issuerKeys.keysOf(accountId)).signing[
    request.signingAlgorithm
  ]
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: request.signingAlgorithm, typ: 'JWT', kid })
    .sign(key)
  service.issuedWebIdentityTokens.push(token)
  return { token, expiration }
}

interface TokenContext {
  issuer: string
  accountId: string
  nowMs: number
  expiration: Date
}

// The layout of AWS's "Understanding token claims" page: standard claims at the top, AWS's own
// and the request tags under the namespace; claims that do not apply are left out, not nulled.
function tokenClaims(
  request: WebIdentityTokenRequest,
  caller: SignedCaller,
  scenario: Scenario,
  context: TokenContext
): JWTPayload {
  const { audiences, tags } = request
  const principalTags = roleDefinition(scenario, caller.roleArn)?.tags ?? {}
  return {
    iss: context.issuer,
    aud: audiences.length === 1 ? audiences[0] : audiences,
    // A role session is represented by its role's ARN, not by the assumed-role session ARN.
    sub: caller.roleArn,
    iat: Math.floor(context.nowMs / 1000),
    exp: Math.floor(context.expiration.getTime() / 1000),
    jti: randomUUID(),
    [STS_CLAIMS_NAMESPACE]: {
      aws_account: context.accountId,
      source_region: caller.region,
      principal_id: caller.roleArn,
      ...(Object.keys(principalTags).length > 0 && { principal_tags: principalTags }),
      original_session_exp: isoSeconds(caller.expiration),
      ...(caller.federatedProvider !== undefined && {
        federated_provider: caller.federatedProvider
      }),
      ...(tags.length > 0 && {
        request_tags: Object.fromEntries(tags.map((t) => [t.key, t.value]))
      })
    }
  }
}
