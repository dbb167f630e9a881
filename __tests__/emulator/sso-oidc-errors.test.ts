import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import {
  APP_ARN,
  EXCHANGE_ROLE_ARN,
  IC_AUDIENCE,
  TTI_ARN,
  USER_ID,
  appOverride,
  errorOf,
  useIdentityCenterEmulator
} from './identity-center-harness.js'

const ic = useIdentityCenterEmulator()
const app = appOverride

// Assertions that the jwt-bearer grant refuses: [case, scenario, audience of the GitHub token].
const INVALID_GRANTS: [string, ScenarioOverrides, string][] = [
  ['an audience the grant does not authorize', {}, 'sts.amazonaws.com'],
  ['a forged signature', { github: { signingKey: 'rogue' } }, IC_AUDIENCE],
  ['an expired token', { github: { clockSkewSeconds: -400 } }, IC_AUDIENCE],
  [
    'an issuer that is not a trusted token issuer',
    {
      identityCenter: {
        trustedTokenIssuers: [
          {
            arn: TTI_ARN,
            issuerUrl: 'https://token.actions.githubusercontent.com/octo-org',
            claimAttributePath: 'repository',
            identityStoreAttributePath: 'userName'
          }
        ]
      }
    },
    IC_AUDIENCE
  ],
  [
    'a trusted issuer the application grant does not name',
    app({ grants: { jwtBearer: { authorizedTokenIssuers: [] } } }),
    IC_AUDIENCE
  ],
  ['a claim that maps to no user', { identityCenter: { users: [] } }, IC_AUDIENCE],
  [
    'a claim that maps to two users',
    {
      identityCenter: {
        users: [
          { userId: USER_ID, userName: 'octo-org/octo-repo' },
          { userId: 'another', userName: 'octo-org/octo-repo' }
        ]
      }
    },
    IC_AUDIENCE
  ]
]

describe('emulated SSO OIDC CreateTokenWithIAM errors', () => {
  const oauthError = (status: number, type: string, error: string, description?: unknown) => ({
    status,
    type,
    body: { error, error_description: description ?? expect.any(String) }
  })

  it('answers an unauthenticated or mis-signed call as the AWS front end does', async () => {
    const credentials = await ic.exchangeCredentials()
    const wrongService = await ic.createTokenWithIam({
      credentials,
      signing: { service: 'sts', region: 'eu-west-1' }
    })
    expect(await errorOf(wrongService)).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: { message: "Credential should be scoped to correct service: 'sso-oauth'. " }
    })
    const wrongRegion = await ic.createTokenWithIam({
      credentials,
      signing: { service: 'sso-oauth', region: 'us-east-1' }
    })
    expect((await errorOf(wrongRegion)).type).toBe('InvalidSignatureException')
    const unknownKey = await ic.createTokenWithIam({
      credentials: { accessKeyId: 'ASIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) }
    })
    expect(await errorOf(unknownKey)).toEqual({
      status: 403,
      type: 'UnrecognizedClientException',
      body: { message: 'The security token included in the request is invalid.' }
    })
    const badSecret = await ic.createTokenWithIam({
      credentials: { ...credentials, secretAccessKey: 'x'.repeat(40) }
    })
    expect((await errorOf(badSecret)).type).toBe('InvalidSignatureException')
    const unsigned = await fetch(`${ic.emulator.env.AWS_ENDPOINT_URL_SSO_OIDC}/token?aws_iam=t`, {
      method: 'POST',
      body: '{}'
    })
    expect(await errorOf(unsigned)).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      body: { message: 'Missing Authentication Token' }
    })
    const last = ic.emulator.log.at(-1)
    expect([last?.service, last?.action, last?.signed]).toEqual([
      'sso-oidc',
      'CreateTokenWithIAM',
      false
    ])
  })

  it('refuses an expired exchange-role session', async () => {
    const credentials = await ic.exchangeCredentials()
    const issued = ic.emulator.issued.credentials.find(
      (c) => c.accessKeyId === credentials.accessKeyId
    )!
    issued.expiration = new Date(Date.now() - 1000)
    expect(await errorOf(await ic.createTokenWithIam({ credentials }))).toMatchObject({
      status: 403,
      type: 'ExpiredTokenException'
    })
  })

  it('rejects malformed JSON and missing members', async () => {
    const malformed = await ic.createTokenWithIam({ rawBody: '{"clientId":' })
    expect(await errorOf(malformed)).toMatchObject({ status: 400, type: 'SerializationException' })
    const missing = await ic.createTokenWithIam({ body: { clientId: APP_ARN } })
    expect(await errorOf(missing)).toEqual(
      oauthError(
        400,
        'InvalidRequestException',
        'invalid_request',
        'Missing required parameter: grantType'
      )
    )
  })

  it('rejects an unknown application with InvalidClientException (401)', async () => {
    const body = await ic.jwtBody({ clientId: APP_ARN.replace('apl-2222', 'apl-9999') })
    expect(await errorOf(await ic.createTokenWithIam({ body }))).toEqual(
      oauthError(401, 'InvalidClientException', 'invalid_client')
    )
  })

  it('rejects a caller outside the application policy, or without the IAM permission', async () => {
    const deny = (kind: string) =>
      oauthError(
        400,
        'AccessDeniedException',
        'access_denied',
        'User: arn:aws:sts::111122223333:assumed-role/identity-center-exchange/keyless-aws-1234567890-1 ' +
          `is not authorized to perform: sso-oauth:CreateTokenWithIAM on resource: ${APP_ARN} ` +
          `because no ${kind} policy allows the sso-oauth:CreateTokenWithIAM action`
      )
    ic.setScenario(app({ actorPolicy: { allowedPrincipals: [] } }))
    expect(await errorOf(await ic.createTokenWithIam())).toEqual(deny('resource-based'))
    ic.setScenario({
      aws: {
        accounts: { '111122223333': { roles: { 'identity-center-exchange': { permissions: [] } } } }
      }
    })
    expect(await errorOf(await ic.createTokenWithIam())).toEqual(deny('identity-based'))
    ic.setScenario(app({ actorPolicy: { allowedPrincipals: [EXCHANGE_ROLE_ARN] } }))
    const deploy = await ic.exchangeCredentials('arn:aws:iam::111122223333:role/deploy')
    const response = await ic.createTokenWithIam({ credentials: deploy })
    expect((await errorOf(response)).body.error_description).toMatch(/no identity-based policy/)
  })

  it('rejects grant types it does not know, and those the application lacks', async () => {
    const password = await ic.createTokenWithIam({
      body: await ic.jwtBody({ grantType: 'password' })
    })
    expect(await errorOf(password)).toEqual(
      oauthError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type')
    )
    const code = await ic.createTokenWithIam({
      body: await ic.jwtBody({ grantType: 'authorization_code' })
    })
    expect(await errorOf(code)).toEqual(
      oauthError(400, 'UnauthorizedClientException', 'unauthorized_client')
    )
  })

  it.each(INVALID_GRANTS)(
    'rejects %s with InvalidGrantException',
    async (_, scenario, audience) => {
      // The exchange role first: the scenario may break GitHub tokens for STS too.
      const credentials = await ic.exchangeCredentials()
      ic.setScenario(scenario)
      const body = await ic.jwtBody({}, audience)
      expect(await errorOf(await ic.createTokenWithIam({ credentials, body }))).toEqual(
        oauthError(400, 'InvalidGrantException', 'invalid_grant')
      )
    }
  )

  it('rejects a missing or malformed assertion', async () => {
    const missing = await ic.createTokenWithIam({
      body: await ic.jwtBody({ assertion: undefined })
    })
    expect((await errorOf(missing)).type).toBe('InvalidRequestException')
    const garbage = await ic.createTokenWithIam({
      body: await ic.jwtBody({ assertion: 'not-a-jwt' })
    })
    expect(await errorOf(garbage)).toEqual(
      oauthError(400, 'InvalidGrantException', 'invalid_grant', 'The assertion is not a valid JWT')
    )
  })

  it('answers an unassigned user with a bare AccessDeniedException', async () => {
    ic.setScenario(app({ assignedUserIds: [] }))
    expect(await errorOf(await ic.createTokenWithIam())).toEqual({
      status: 400,
      type: 'AccessDeniedException',
      body: { error: 'access_denied' }
    })
    ic.setScenario(app({ assignedUserIds: [], assignmentRequired: false }))
    expect((await ic.createTokenWithIam()).status).toBe(200)
  })

  it('rejects a scope the application does not have', async () => {
    const body = await ic.jwtBody({ scope: ['sso:account:access', 's3:access_grants:read_write'] })
    expect(await errorOf(await ic.createTokenWithIam({ body }))).toEqual(
      oauthError(
        400,
        'InvalidScopeException',
        'invalid_scope',
        'Invalid scope: s3:access_grants:read_write'
      )
    )
  })
})
