import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts'
import type { ScenarioOverrides } from '../../emulator/index.js'
import { requestIdToken } from './request-id-token.js'
import { useEmulatorAndSts } from './sts-harness.js'
import { fetchSigned } from './sigv4-signer.js'
import type { SigningCredentials, SigningOptions } from './sigv4-signer.js'

// The default scenario's Identity Center, as docs and tests name it.
export const APP_ARN =
  'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222'
export const TTI_ARN =
  'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111111111111111/tti-3f1c2b7e-5a4d-4e8f-9b6a-0c1d2e3f4a5b'
export const EXCHANGE_ROLE_ARN = 'arn:aws:iam::111122223333:role/identity-center-exchange'
export const IC_AUDIENCE = 'identity-center.octo-org.example'
export const USER_ID = '9067729b3d-94f1e0d5-c1a2-4b3c-8d4e-5f6a7b8c9d0e'
export const TARGET_ACCOUNT = '444455556666'
export const PERMISSION_SET = 'DeployAccess'
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
export const SIGNING: SigningOptions = { service: 'sso-oauth', region: 'eu-west-1' }

export interface TokenCall {
  credentials?: SigningCredentials
  body?: Record<string, unknown>
  audience?: string
  signing?: SigningOptions
  rawBody?: string
}

// One emulator per file; every test starts from the default scenario with an empty log.
export function useIdentityCenterEmulator() {
  const state = useEmulatorAndSts()

  const setScenario = (overrides: ScenarioOverrides) => state.emulator.setScenario(overrides)

  // The STS hop to the exchange role, with the real SDK client.
  async function exchangeCredentials(roleArn = EXCHANGE_ROLE_ARN): Promise<SigningCredentials> {
    const token = await requestIdToken(state.emulator, 'sts.amazonaws.com')
    const out = await state.sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'keyless-aws-1234567890-1',
        WebIdentityToken: token
      })
    )
    const c = out.Credentials!
    return {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken
    }
  }

  // CreateTokenWithIAM as the SDK sends it: POST {endpoint}/token?aws_iam=t, restJson, SigV4.
  async function createTokenWithIam(call: TokenCall = {}): Promise<Response> {
    const credentials = call.credentials ?? (await exchangeCredentials())
    const body = call.body ?? (await jwtBody({}, call.audience))
    const request = {
      method: 'POST',
      url: `${state.emulator.env.AWS_ENDPOINT_URL_SSO_OIDC}/token?aws_iam=t`,
      headers: { 'content-type': 'application/json' },
      body: call.rawBody ?? JSON.stringify(body)
    }
    return fetchSigned(request, credentials, call.signing ?? SIGNING)
  }

  // The CreateTokenWithIAM body the action sends, with a fresh GitHub token for the audience.
  async function jwtBody(overrides: Record<string, unknown> = {}, audience = IC_AUDIENCE) {
    return {
      clientId: APP_ARN,
      grantType: JWT_BEARER,
      assertion: await requestIdToken(state.emulator, audience),
      scope: ['sso:account:access'],
      ...overrides
    }
  }

  async function accessToken(call: TokenCall = {}): Promise<string> {
    const response = await createTokenWithIam(call)
    if (response.status !== 200) throw new Error(`CreateTokenWithIAM: ${await response.text()}`)
    return ((await response.json()) as { accessToken: string }).accessToken
  }

  // GetRoleCredentials as the SDK sends it: unsigned, the token in x-amz-sso_bearer_token.
  function getRoleCredentials(
    token: string | undefined,
    query: Record<string, string> = { role_name: PERMISSION_SET, account_id: TARGET_ACCOUNT }
  ): Promise<Response> {
    const search = new URLSearchParams(query).toString()
    return fetch(`${state.emulator.env.AWS_ENDPOINT_URL_SSO}/federation/credentials?${search}`, {
      headers: token === undefined ? {} : { 'x-amz-sso_bearer_token': token }
    })
  }

  function logout(token: string): Promise<Response> {
    return fetch(`${state.emulator.env.AWS_ENDPOINT_URL_SSO}/logout`, {
      method: 'POST',
      headers: { 'x-amz-sso_bearer_token': token }
    })
  }

  return {
    get emulator() {
      return state.emulator
    },
    setScenario,
    exchangeCredentials,
    createTokenWithIam,
    jwtBody,
    accessToken,
    getRoleCredentials,
    logout,
    idToken: (audience: string) => requestIdToken(state.emulator, audience)
  }
}

// Overrides of the default application, merged key by key.
export function appOverride(overrides: Record<string, unknown>) {
  return { identityCenter: { applications: { [APP_ARN]: overrides } } }
}

// An AWS JSON error as the SDK would read it: the type header and the body.
export async function errorOf(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as Record<string, unknown>
  }
}
