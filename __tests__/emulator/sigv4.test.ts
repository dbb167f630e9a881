import { describe, expect, it } from 'vitest'
import type { EmulatorRequest } from '../../emulator/http-message.js'
import { issueCredentials } from '../../emulator/iam/credentials.js'
import type { IssuedCredentials } from '../../emulator/iam/credentials.js'
import { parseRoleArn } from '../../emulator/iam/role-arn.js'
import { sha256Hex } from '../../emulator/sigv4/canonical.js'
import { authenticateCaller } from '../../emulator/sigv4/signed-caller.js'
import { asEmulatorRequest, signRequest } from './sigv4-signer.js'
import type { Unsigned } from './sigv4-signer.js'

// The emulator's verifier (emulator/sigv4/verify.ts) against the SDK's signer; sigv4-vectors.test.ts
// holds AWS's published vectors.
const ROLE = parseRoleArn('arn:aws:iam::111122223333:role/identity-center-exchange')!
const ENDPOINT = 'http://127.0.0.1:8080/oidc/token?aws_iam=t'
const BODY = JSON.stringify({ clientId: 'app', grantType: 'jwt', assertion: 'eyJ', scope: ['x'] })
const REQUEST: Unsigned = {
  method: 'POST',
  url: ENDPOINT,
  headers: { 'content-type': 'application/json' },
  body: BODY
}

describe('SigV4 verification of requests signed by @smithy/signature-v4', () => {
  const issued: IssuedCredentials[] = [issueCredentials(ROLE, 'keyless-aws-1', 3600, Date.now())]
  const [session] = issued

  async function check(
    overrides: {
      request?: Unsigned
      credentials?: Partial<IssuedCredentials>
      service?: string
      region?: string
      signingDate?: Date
      tamper?: (r: EmulatorRequest) => EmulatorRequest
      issued?: IssuedCredentials[]
    } = {}
  ) {
    const request = overrides.request ?? REQUEST
    const credentials = { ...session, ...overrides.credentials }
    const headers = await signRequest(request, credentials, {
      service: overrides.service ?? 'sso-oauth',
      region: overrides.region ?? 'eu-west-1',
      signingDate: overrides.signingDate
    })
    const received = (overrides.tamper ?? ((r) => r))(asEmulatorRequest(request, headers))
    return authenticateCaller(received, {
      issued: overrides.issued ?? issued,
      service: 'sso-oauth',
      region: 'eu-west-1'
    })
  }

  const failure = (code: string, message?: string | RegExp) => ({
    ok: false,
    failure: {
      code,
      status: 403,
      message:
        message instanceof RegExp ? expect.stringMatching(message) : (message ?? expect.any(String))
    }
  })

  it('returns the signing principal', async () => {
    const outcome = await check()
    expect(outcome).toEqual({
      ok: true,
      caller: {
        accessKeyId: session.accessKeyId,
        assumedRoleArn:
          'arn:aws:sts::111122223333:assumed-role/identity-center-exchange/keyless-aws-1',
        roleArn: ROLE.arn,
        expiration: session.expiration,
        region: 'eu-west-1'
      }
    })
  })

  it('signs the session token and the payload hash, as the SDK does', async () => {
    const headers = await signRequest(REQUEST, session, {
      service: 'sso-oauth',
      region: 'eu-west-1'
    })
    expect(headers['x-amz-security-token']).toBe(session.sessionToken)
    expect(headers['x-amz-content-sha256']).toBe(sha256Hex(BODY))
  })

  it('rejects a bad signature', async () => {
    const outcome = await check({ credentials: { secretAccessKey: 'x'.repeat(40) } })
    expect(outcome).toEqual(failure('InvalidSignatureException', /does not match the signature/))
  })

  it('rejects the wrong service and the wrong region', async () => {
    expect(await check({ service: 'sts' })).toEqual(
      failure(
        'InvalidSignatureException',
        "Credential should be scoped to correct service: 'sso-oauth'. "
      )
    )
    expect(await check({ region: 'us-east-1' })).toEqual(
      failure('InvalidSignatureException', /scoped to a valid region/)
    )
  })

  it('rejects an unknown key and a session token that does not belong to the key', async () => {
    expect(await check({ issued: [] })).toEqual(
      failure(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.'
      )
    )
    const other = issueCredentials(ROLE, 'other', 3600, Date.now())
    expect(await check({ credentials: { sessionToken: other.sessionToken } })).toEqual(
      failure('UnrecognizedClientException')
    )
  })

  it('rejects an expired session', async () => {
    const expired = { ...session, expiration: new Date(Date.now() - 1000) }
    expect(await check({ issued: [expired] })).toEqual(
      failure('ExpiredTokenException', 'The security token included in the request is expired')
    )
  })

  it('rejects a tampered body, whether or not the payload hash header is updated too', async () => {
    const other = BODY.replace('"app"', '"another-app"')
    expect(await check({ tamper: (r) => ({ ...r, body: other }) })).toEqual(
      failure('InvalidSignatureException')
    )
    const rehashed = (r: EmulatorRequest) => ({
      ...r,
      body: other,
      headers: { ...r.headers, 'x-amz-content-sha256': sha256Hex(other) }
    })
    expect(await check({ tamper: rehashed })).toEqual(failure('InvalidSignatureException'))
  })

  it('rejects a tampered query string and a tampered signed header', async () => {
    const query = (r: EmulatorRequest) => ({ ...r, url: new URL(`${ENDPOINT}x`) })
    expect(await check({ tamper: query })).toEqual(failure('InvalidSignatureException'))
    const header = (r: EmulatorRequest) => ({
      ...r,
      headers: { ...r.headers, 'content-type': 'text/plain' }
    })
    expect(await check({ tamper: header })).toEqual(failure('InvalidSignatureException'))
  })

  it('rejects a request signed more than five minutes ago', async () => {
    const outcome = await check({ signingDate: new Date(Date.now() - 6 * 60 * 1000) })
    expect(outcome).toEqual(
      failure('InvalidSignatureException', /^Signature expired: \d{8}T\d{6}Z/)
    )
  })

  it('reports a missing or incomplete Authorization header', async () => {
    const unsigned = (r: EmulatorRequest) => {
      const headers = { ...r.headers }
      delete headers.authorization
      return { ...r, headers }
    }
    expect(await check({ tamper: unsigned })).toEqual(
      failure('MissingAuthenticationTokenException', 'Missing Authentication Token')
    )
    const partial = (r: EmulatorRequest) => ({
      ...r,
      headers: { ...r.headers, authorization: String(r.headers.authorization).split(',')[0] }
    })
    expect(await check({ tamper: partial })).toEqual(
      failure('IncompleteSignatureException', /requires 'Signature' parameter/)
    )
  })
})
