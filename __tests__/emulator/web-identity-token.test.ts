import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts'
import type { GetWebIdentityTokenCommandInput } from '@aws-sdk/client-sts'
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { fetchSigned } from './sigv4-signer.js'
import { REGION, rejectionOf, useSignedStsEmulator, xmlErrorOf } from './signed-sts-harness.js'
import { ACCOUNT, roleArn } from './sts-harness.js'
import type { Call } from './sts-harness.js'

const harness = useSignedStsEmulator()
const NAMESPACE = 'https://sts.amazonaws.com/'
const AUDIENCE = 'https://api.partner.example'
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`

async function requestToken(input: Partial<GetWebIdentityTokenCommandInput> = {}, call?: Call) {
  const sts = await harness.signedClient(call)
  return sts.send(
    new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'RS256', ...input })
  )
}

// What an external service does: discovery from the issuer it trusts, then the JWKS it names.
async function verifyAsExternalService(
  token: string,
  options: { audience: string; algorithms: string[]; currentDate?: Date }
) {
  const issuer = harness.emulator.issuerUrlOf(ACCOUNT)
  const discovery = await fetch(`${issuer}/.well-known/openid-configuration`)
  const document = (await discovery.json()) as { issuer: string; jwks_uri: string }
  expect(document.issuer).toBe(issuer)
  const jwks = createRemoteJWKSet(new URL(document.jwks_uri))
  return jwtVerify(token, jwks, { issuer: document.issuer, ...options })
}

describe('emulated STS GetWebIdentityToken through the AWS SDK', () => {
  it('returns an RS256 token that verifies against the account issuer', async () => {
    const before = Math.floor(Date.now() / 1000)
    const out = await requestToken({ Tags: [{ Key: 'job', Value: 'deploy-42' }] })
    const token = out.WebIdentityToken!
    expect(out.$metadata.httpStatusCode).toBe(200)

    const { payload, protectedHeader } = await verifyAsExternalService(token, {
      audience: AUDIENCE,
      algorithms: ['RS256']
    })
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) })
    const session = harness.emulator.issued.credentials.at(-1)!
    expect(payload).toEqual({
      iss: harness.emulator.issuerUrlOf(ACCOUNT),
      aud: AUDIENCE,
      sub: roleArn('deploy'),
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      [NAMESPACE]: {
        aws_account: ACCOUNT,
        source_region: REGION,
        principal_id: roleArn('deploy'),
        original_session_exp: session.expiration.toISOString().replace('.000Z', 'Z'),
        federated_provider: PROVIDER,
        request_tags: { job: 'deploy-42' }
      }
    })
    // The default lifetime is five minutes; Expiration is the same instant as exp.
    expect(payload.iat).toBeGreaterThanOrEqual(before)
    expect(payload.exp! - payload.iat!).toBe(300)
    expect(Math.floor(out.Expiration!.getTime() / 1000)).toBe(payload.exp)

    expect(harness.emulator.issued.webIdentityTokens).toEqual([token])
    expect(harness.emulator.secrets()).toContain(token)
    expect(harness.emulator.log.map((e) => [e.service, e.action, e.status, e.signed])).toEqual([
      ['github', 'GetIdToken', 200, true],
      ['sts', 'AssumeRoleWithWebIdentity', 200, false],
      ['sts', 'GetWebIdentityToken', 200, true],
      ['account-issuer', 'Discovery', 200, false],
      ['account-issuer', 'JWKS', 200, false]
    ])
  })

  it('signs ES384 on request and gives several audiences as an array', async () => {
    const audiences = [AUDIENCE, 'urn:partner:second']
    const out = await requestToken({
      Audience: audiences,
      SigningAlgorithm: 'ES384',
      DurationSeconds: 3000
    })
    const token = out.WebIdentityToken!
    expect(decodeProtectedHeader(token).alg).toBe('ES384')
    const { payload } = await verifyAsExternalService(token, {
      audience: 'urn:partner:second',
      algorithms: ['ES384']
    })
    expect(payload.aud).toEqual(audiences)
    expect(payload.exp! - payload.iat!).toBe(3000)
  })

  it('is refused by a verifier that expects another audience, algorithm or time', async () => {
    const token = (await requestToken({ DurationSeconds: 60 })).WebIdentityToken!
    const audience = AUDIENCE
    const rejected = (options: Parameters<typeof verifyAsExternalService>[1]) =>
      verifyAsExternalService(token, options).then(
        () => undefined,
        (error: unknown) => error
      )
    expect(await rejected({ audience: 'urn:someone-else', algorithms: ['RS256'] })).toBeInstanceOf(
      errors.JWTClaimValidationFailed
    )
    expect(await rejected({ audience, algorithms: ['ES384'] })).toBeInstanceOf(
      errors.JOSEAlgNotAllowed
    )
    const later = new Date(Date.now() + 61_000)
    expect(await rejected({ audience, algorithms: ['RS256'], currentDate: later })).toBeInstanceOf(
      errors.JWTExpired
    )
  })

  it("carries the role's tags as principal_tags and keeps issuer keys per account", async () => {
    const tagged = {
      aws: { accounts: { [ACCOUNT]: { roles: { deploy: { tags: { team: 'web' } } } } } }
    }
    const out = await requestToken({}, { scenario: tagged })
    const { payload } = await verifyAsExternalService(out.WebIdentityToken!, {
      audience: AUDIENCE,
      algorithms: ['RS256']
    })
    expect(payload[NAMESPACE]).toMatchObject({ principal_tags: { team: 'web' } })
    expect(payload[NAMESPACE]).not.toHaveProperty('request_tags')

    const elsewhere = await fetch(
      `${harness.emulator.issuerUrlOf('444455556666')}/.well-known/jwks.json`
    )
    expect(elsewhere.status).toBe(404)
  })
})

describe('emulated STS GetWebIdentityToken authentication', () => {
  const form = `Action=GetWebIdentityToken&Version=2011-06-15&Audience.member.1=${AUDIENCE}&SigningAlgorithm=RS256`
  const sendWith = (credentials: Awaited<ReturnType<typeof harness.session>>) =>
    rejectionOf(
      harness
        .clientFor(credentials)
        .send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'RS256' }))
    )

  it('refuses an unsigned request', async () => {
    const response = await fetch(harness.emulator.env.AWS_ENDPOINT_URL_STS, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form
    })
    expect(await xmlErrorOf(response)).toEqual({
      status: 403,
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token'
    })
  })

  it('refuses a signature made with the wrong secret', async () => {
    const credentials = await harness.session()
    const error = await sendWith({ ...credentials, secretAccessKey: 'x'.repeat(40) })
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403])
  })

  it('refuses an access key it never issued', async () => {
    const credentials = await harness.session()
    const error = await sendWith({ ...credentials, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' })
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidClientTokenId', 403])
    expect(error.message).toBe('The security token included in the request is invalid.')
  })

  it('refuses a signature scoped to another service', async () => {
    const credentials = await harness.session()
    const request = {
      method: 'POST',
      url: `${harness.emulator.env.AWS_ENDPOINT_URL_STS}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form
    }
    const response = await fetchSigned(request, credentials, {
      service: 'sso-oauth',
      region: REGION
    })
    expect(await xmlErrorOf(response)).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sts'. "
    })
  })

  it('refuses a session that has expired', async () => {
    const credentials = await harness.session()
    harness.emulator.issued.credentials.at(-1)!.expiration = new Date(Date.now() - 1000)
    const error = await sendWith(credentials)
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ExpiredToken', 403])
  })
})
