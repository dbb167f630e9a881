import { statSync, existsSync } from 'node:fs'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const AUDIENCE = 'https://api.vendor.example'
const INPUTS = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('deploy'),
  'web-identity-token-audience': AUDIENCE,
  'web-identity-token-tags': 'team=payments\nstage=prod'
}

/** Verifies a token as an external service would: discovery, JWKS, issuer, audience, algorithm, expiry. */
async function verifyAsExternalService(emu: Emulator, token: string, algorithm: string) {
  const issuer = emu.issuerUrlOf(ACCOUNT)
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    issuer: string
    jwks_uri: string
  }
  expect(discovery.issuer).toBe(issuer)
  return jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
    issuer,
    audience: AUDIENCE,
    algorithms: [algorithm]
  })
}

describe('outbound identity federation: a token that proves the AWS identity to a third party', () => {
  const ctx = useEmulator()

  it('sets a token that verifies against the account issuer and carries the request tags', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    expect(
      emu.log
        .filter((r) => r.service !== 'account-issuer')
        .map((r) => `${r.action} signed=${r.signed}`)
    ).toEqual([
      'GetIdToken signed=true',
      'AssumeRoleWithWebIdentity signed=false',
      'GetWebIdentityToken signed=true'
    ])
    const token = main.outputs['web-identity-token']
    expect(main.log.masks).toContain(token)
    const { payload, protectedHeader } = await verifyAsExternalService(emu, token, 'RS256')
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload.sub).toBe(roleArn('deploy'))
    expect(
      (payload['https://sts.amazonaws.com/'] as { request_tags: unknown }).request_tags
    ).toEqual({ team: 'payments', stage: 'prod' })
    expect(
      Math.floor(new Date(main.outputs['web-identity-token-expiration']).getTime() / 1000)
    ).toBe(payload.exp)
    expect((payload.exp as number) - (payload.iat as number)).toBe(300)
    // The credentials are exported as well: those the token was requested with.
    const issued = latestCredentials(emu)
    expect(main.exported).toMatchObject({
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
      AWS_SESSION_TOKEN: issued.sessionToken
    })
    expectNoLeaks(emu, main, { secretOutputs: ['web-identity-token'] })
  })

  it('writes an ES384 token to a 0600 file whose path it exports, and post deletes it', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...INPUTS,
      'web-identity-token-signing-algorithm': 'ES384',
      'web-identity-token-duration-seconds': '600',
      'web-identity-token-to-file': 'true'
    })
    expect(main.exitCode).toBe(0)
    const file = main.exported.KEYLESS_AWS_WEB_IDENTITY_TOKEN_FILE
    expect(main.outputs['web-identity-token-file']).toBe(file)
    expect(file.startsWith(job.env.RUNNER_TEMP)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    await verifyAsExternalService(emu, main.outputs['web-identity-token'], 'ES384')
    expectNoLeaks(emu, main, { secretOutputs: ['web-identity-token'] })

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(existsSync(file)).toBe(false)
    expect(post.exported.KEYLESS_AWS_WEB_IDENTITY_TOKEN_FILE).toBe('')
    expectNoLeaks(emu, post)
  })

  it.each<
    [string, () => Record<string, unknown> | undefined, Record<string, string>, string, string]
  >([
    [
      'the feature off',
      () => ({
        aws: { accounts: { [ACCOUNT]: { outboundIdentityFederation: { enabled: false } } } }
      }),
      {},
      'Outbound identity federation not enabled',
      'aws iam enable-outbound-web-identity-federation'
    ],
    [
      'a role without the permission',
      () => undefined,
      { 'role-to-assume': roleArn('build-readonly') },
      'Role may not request web identity tokens',
      '"Action": "sts:GetWebIdentityToken"'
    ],
    [
      'a token longer than the session',
      () => undefined,
      { 'role-duration-seconds': '900', 'web-identity-token-duration-seconds': '3600' },
      'Web identity token would outlive the session',
      'Lower web-identity-token-duration-seconds, or raise role-duration-seconds'
    ],
    [
      'too many tags',
      () => undefined,
      {
        'web-identity-token-tags': Array.from(
          { length: 30 },
          (_, i) => `tag${i}=${'v'.repeat(200)}`
        ).join('\n')
      },
      'Web identity token too large',
      'fewer or shorter web-identity-token-tags'
    ]
  ])(
    'fails with %s, naming the fix, and exports no credentials either',
    async (_name, scenario, change, title, fix) => {
      const { emu } = ctx
      const main = await newJob(emu, scenario()).run('main', { ...INPUTS, ...change })
      expectNothingExported(main)
      expect(failure(main).startsWith(`keyless-aws failed: ${title}: `)).toBe(true)
      expect(failure(main)).toContain(fix)
      expect(emu.log.filter((r) => r.action === 'GetWebIdentityToken')).toHaveLength(1)
      expectNoLeaks(emu, main)
    }
  )
})
