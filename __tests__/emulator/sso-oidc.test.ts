import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  APP_ARN,
  TTI_ARN,
  USER_ID,
  appOverride,
  errorOf,
  useIdentityCenterEmulator
} from './identity-center-harness.js'

const ic = useIdentityCenterEmulator()

describe('emulated SSO OIDC CreateTokenWithIAM', () => {
  it('exchanges a GitHub token for Identity Center tokens, signed by the exchange role', async () => {
    const response = await ic.createTokenWithIam()
    expect(response.status).toBe(200)
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toEqual({
      accessToken: expect.stringMatching(/^aoa[\w-]+:[\w+/]+=*$/),
      tokenType: 'Bearer',
      expiresIn: 3600,
      refreshToken: expect.stringMatching(/^aor/),
      issuedTokenType: 'urn:ietf:params:oauth:token-type:refresh_token',
      scope: ['sso:account:access']
    })
    expect(ic.emulator.secrets()).toEqual(
      expect.arrayContaining([body.accessToken, body.refreshToken])
    )
    expect(
      ic.emulator.log.map((e) => [e.service, e.action, e.method, e.path, e.status, e.signed])
    ).toEqual([
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sts', 'AssumeRoleWithWebIdentity', 'POST', '/sts/', 200, false],
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sso-oidc', 'CreateTokenWithIAM', 'POST', '/oidc/token', 200, true]
    ])
  })

  it('grants every scope of the application, with an id token and identity context, when none is asked', async () => {
    const response = await ic.createTokenWithIam({ body: await ic.jwtBody({ scope: undefined }) })
    const body = (await response.json()) as Record<string, string> & {
      awsAdditionalDetails: { identityContext: string }
    }
    expect(body.scope).toEqual(['sts:identity_context', 'openid', 'aws', 'sso:account:access'])
    const identityContext = body.awsAdditionalDetails.identityContext
    expect(identityContext).toMatch(/^AQoJb3JpZ2luX2Vj/)
    const claims = decodeJwt(body.idToken)
    expect(claims).toMatchObject({
      sub: USER_ID,
      aud: APP_ARN,
      iss: 'https://identitycenter.amazonaws.com/ssoins-1111111111111111',
      'aws:identity_store_id': 'd-9067729b3d',
      'aws:instance_arn': 'arn:aws:sso:::instance/ssoins-1111111111111111',
      'aws:application_arn': APP_ARN,
      'sts:identity_context': identityContext,
      act: { sub: TTI_ARN }
    })
    expect(ic.emulator.secrets()).toEqual(expect.arrayContaining([body.idToken, identityContext]))
  })

  it('issues no refresh token without the refresh_token grant', async () => {
    ic.setScenario(appOverride({ grants: { refreshToken: null } }))
    const body = (await (await ic.createTokenWithIam()).json()) as Record<string, unknown>
    expect(body.refreshToken).toBeUndefined()
    expect(body.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:access_token')
  })

  it('refreshes with the refresh_token grant', async () => {
    const credentials = await ic.exchangeCredentials()
    const first = (await (await ic.createTokenWithIam({ credentials })).json()) as {
      accessToken: string
      refreshToken: string
    }
    const body = { clientId: APP_ARN, grantType: 'refresh_token', refreshToken: first.refreshToken }
    const refreshed = await ic.createTokenWithIam({ credentials, body })
    expect(refreshed.status).toBe(200)
    const tokens = (await refreshed.json()) as { accessToken: string; refreshToken: string }
    expect(tokens.accessToken).not.toBe(first.accessToken)
    expect(tokens.refreshToken).toBe(first.refreshToken)
    const bogus = { ...body, refreshToken: 'aorNotIssued' }
    expect(await errorOf(await ic.createTokenWithIam({ credentials, body: bogus }))).toMatchObject({
      status: 400,
      type: 'InvalidGrantException',
      body: { error: 'invalid_grant' }
    })
  })
})
