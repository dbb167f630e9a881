import type { EmulatorRequest } from '../http-message.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { verifySigV4 } from './verify.js'
import type { AuthFailure } from './verify.js'

// Who signed a request, among the sessions the emulator's STS (or SSO portal) issued.
export interface SignedCaller {
  accessKeyId: string
  // arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION
  assumedRoleArn: string
  // arn:aws:iam::ACCOUNT:role/PATH/NAME
  roleArn: string
  // When the signing session ends: nothing it obtains may outlive it.
  expiration: Date
  // The region of the signature's credential scope, i.e. the endpoint's region.
  region: string
  federatedProvider?: string
}

export type CallerOutcome = { ok: true; caller: SignedCaller } | { ok: false; failure: AuthFailure }

export interface CallerCheck {
  issued: readonly IssuedCredentials[]
  // The signing name the service expects, e.g. `sso-oauth` or `sts`.
  service: string
  region?: string
  nowMs?: number
}

export function authenticateCaller(request: EmulatorRequest, check: CallerCheck): CallerOutcome {
  const outcome = verifySigV4(request, {
    service: check.service,
    region: check.region,
    nowMs: check.nowMs ?? Date.now(),
    // The newest wins: access key ids are random, so a clash would only come from a test.
    lookup: (id) => check.issued.findLast((c) => c.accessKeyId === id)
  })
  if (!outcome.ok) return outcome
  const { accessKeyId, assumedRoleArn, roleArn, expiration, federatedProvider } = outcome.credential
  // Verified above, so the scope is well formed: Credential=KEY/DATE/REGION/SERVICE/aws4_request.
  const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '')
  return {
    ok: true,
    caller: {
      accessKeyId,
      assumedRoleArn,
      roleArn,
      expiration,
      region: region?.[1] ?? '',
      ...(federatedProvider !== undefined && { federatedProvider })
    }
  }
}
