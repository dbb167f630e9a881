import type { IssuedCredentials } from './credentials.js'
import type { EmulatorRequest } from './http-message.js'
import { verifySigV4 } from './sigv4.js'
import type { AuthFailure } from './sigv4.js'

// Who signed a request, among the sessions the emulator's STS (or SSO portal) issued.
export interface SignedCaller {
  accessKeyId: string
  // arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION
  assumedRoleArn: string
  // arn:aws:iam::ACCOUNT:role/PATH/NAME
  roleArn: string
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
  const { accessKeyId, assumedRoleArn, roleArn } = outcome.credential
  return { ok: true, caller: { accessKeyId, assumedRoleArn, roleArn } }
}
