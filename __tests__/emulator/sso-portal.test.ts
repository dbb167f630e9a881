import { describe, expect, it } from 'vitest'
import { authenticateCaller } from '../../emulator/sigv4/signed-caller.js'
import {
  APP_ARN,
  PERMISSION_SET,
  TARGET_ACCOUNT,
  errorOf,
  useIdentityCenterEmulator
} from './identity-center-harness.js'
import { asEmulatorRequest, signRequest } from './sigv4-signer.js'

const ic = useIdentityCenterEmulator()

interface RoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: number
}

const NOT_FOUND = {
  status: 401,
  type: 'UnauthorizedException',
  body: { message: 'Session token not found or invalid' }
}

describe('emulated SSO portal through the whole Identity Center chain', () => {
  it('turns a GitHub token into permission-set credentials, then signs out', async () => {
    // GitHub (sts.amazonaws.com) → STS, with the real client → CreateTokenWithIAM, signed with
    // the exchange role and carrying a token for the application's audience.
    const token = await ic.accessToken()
    const before = Date.now()
    const response = await ic.getRoleCredentials(token)
    expect(response.status).toBe(200)
    const { roleCredentials } = (await response.json()) as { roleCredentials: RoleCredentials }
    expect(roleCredentials).toEqual({
      accessKeyId: expect.stringMatching(/^ASIA[A-Z0-9]{16}$/),
      secretAccessKey: expect.stringMatching(/^.{40}$/),
      sessionToken: expect.stringMatching(/=$/),
      expiration: expect.any(Number)
    })
    // Epoch milliseconds, the permission set's session duration ahead.
    expect(roleCredentials.expiration - before).toBeGreaterThan(3598_000)
    expect(roleCredentials.expiration - before).toBeLessThanOrEqual(3601_000)

    const issued = ic.emulator.issued.credentials.at(-1)!
    expect(issued.accessKeyId).toBe(roleCredentials.accessKeyId)
    expect(issued.roleArn).toMatch(
      /^arn:aws:iam::444455556666:role\/aws-reserved\/sso\.amazonaws\.com\/eu-west-1\/AWSReservedSSO_DeployAccess_[0-9a-f]{16}$/
    )
    expect(issued.assumedRoleArn).toMatch(
      /^arn:aws:sts::444455556666:assumed-role\/AWSReservedSSO_DeployAccess_[0-9a-f]{16}\/octo-org_octo-repo$/
    )
    expect(ic.emulator.secrets()).toEqual(
      expect.arrayContaining([token, ...Object.values(roleCredentials).slice(0, 3)])
    )

    // The credentials are the emulator's own: its SigV4 check recognises them.
    const probe = {
      method: 'POST',
      url: `${ic.emulator.url}/sts/`,
      body: 'Action=GetCallerIdentity'
    }
    const headers = await signRequest(probe, roleCredentials, {
      service: 'sts',
      region: 'eu-west-1'
    })
    const caller = authenticateCaller(asEmulatorRequest(probe, headers), {
      issued: ic.emulator.issued.credentials,
      service: 'sts'
    })
    expect(caller).toMatchObject({ ok: true, caller: { assumedRoleArn: issued.assumedRoleArn } })

    const signedOut = await ic.logout(token)
    expect(signedOut.status).toBe(200)
    expect(await signedOut.text()).toBe('')
    expect(await errorOf(await ic.getRoleCredentials(token))).toEqual(NOT_FOUND)
    expect(await errorOf(await ic.logout(token))).toEqual(NOT_FOUND)

    expect(
      ic.emulator.log.map((e) => [e.service, e.action, e.method, e.path, e.status, e.signed])
    ).toEqual([
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sts', 'AssumeRoleWithWebIdentity', 'POST', '/sts/', 200, false],
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sso-oidc', 'CreateTokenWithIAM', 'POST', '/oidc/token', 200, true],
      ['sso', 'GetRoleCredentials', 'GET', '/portal/federation/credentials', 200, false],
      ['sso', 'Logout', 'POST', '/portal/logout', 200, false],
      ['sso', 'GetRoleCredentials', 'GET', '/portal/federation/credentials', 401, false],
      ['sso', 'Logout', 'POST', '/portal/logout', 401, false]
    ])
  })

  it('ends the refresh token with the session', async () => {
    const credentials = await ic.exchangeCredentials()
    const response = await ic.createTokenWithIam({ credentials })
    const { accessToken, refreshToken } = (await response.json()) as Record<string, string>
    await ic.logout(accessToken)
    const body = { clientId: APP_ARN, grantType: 'refresh_token', refreshToken }
    expect(await errorOf(await ic.createTokenWithIam({ credentials, body }))).toMatchObject({
      status: 400,
      type: 'InvalidGrantException'
    })
  })
})

describe('emulated SSO portal GetRoleCredentials errors', () => {
  it('answers an unknown, absent or expired token with UnauthorizedException (401)', async () => {
    expect(await errorOf(await ic.getRoleCredentials('aoaNotIssued:AAAA'))).toEqual(NOT_FOUND)
    expect(await errorOf(await ic.getRoleCredentials(undefined))).toEqual(NOT_FOUND)
    const token = await ic.accessToken()
    const record = ic.emulator.issued.identityCenterTokens.find((t) => t.accessToken === token)!
    record.expiresAt = new Date(Date.now() - 1000)
    expect(await errorOf(await ic.getRoleCredentials(token))).toEqual(NOT_FOUND)
  })

  it('answers a token without sso:account:access with UnauthorizedException (401)', async () => {
    const credentials = await ic.exchangeCredentials()
    const assertion = await ic.idToken('identity-center.octo-org.example')
    const body = {
      clientId: APP_ARN,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
      scope: ['openid', 'sts:identity_context']
    }
    const token = await ic.accessToken({ credentials, body })
    expect(await errorOf(await ic.getRoleCredentials(token))).toEqual(NOT_FOUND)
  })

  it('rejects a malformed account id or a missing parameter with InvalidRequestException', async () => {
    const token = await ic.accessToken()
    const queries: Record<string, string>[] = [
      { role_name: PERMISSION_SET, account_id: '4444-5555-6666' },
      { role_name: PERMISSION_SET, account_id: '44445555666' },
      { account_id: TARGET_ACCOUNT },
      { role_name: PERMISSION_SET }
    ]
    for (const query of queries) {
      expect(await errorOf(await ic.getRoleCredentials(token, query))).toEqual({
        status: 400,
        type: 'InvalidRequestException',
        body: { message: expect.stringMatching(/account_id|role_name/) }
      })
    }
  })

  it('answers ForbiddenException "No access" without a matching account assignment', async () => {
    const token = await ic.accessToken()
    for (const query of [
      { role_name: PERMISSION_SET, account_id: '111122223333' },
      { role_name: 'AdministratorAccess', account_id: TARGET_ACCOUNT }
    ]) {
      expect(await errorOf(await ic.getRoleCredentials(token, query))).toEqual({
        status: 403,
        type: 'ForbiddenException',
        body: { message: 'No access' }
      })
    }
  })

  it('honours the permission set session duration', async () => {
    ic.setScenario({
      identityCenter: { permissionSets: { [PERMISSION_SET]: { sessionDurationSeconds: 43200 } } }
    })
    const before = Date.now()
    const response = await ic.getRoleCredentials(await ic.accessToken())
    const { roleCredentials } = (await response.json()) as { roleCredentials: RoleCredentials }
    expect(roleCredentials.expiration - before).toBeGreaterThan(43198_000)
  })
})
