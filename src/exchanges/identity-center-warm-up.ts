import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso'
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { awsClientOptions } from '../net/aws-client-options.js'
import { cannedHandler, warmUp } from './warm-up.js'

// The shapes of the two answers, with the fields the real ones have, so that parsing them runs the
// same code. Nothing in them is real, and nothing reads them.
const TOKEN_ANSWER = JSON.stringify({
  accessToken: 'warm-up',
  tokenType: 'Bearer',
  expiresIn: 3600,
  issuedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
  scope: ['sso:account:access']
})
const CREDENTIALS_ANSWER = JSON.stringify({
  roleCredentials: {
    accessKeyId: 'ASIAWARMUPWARMUPWARM',
    secretAccessKey: 'warm-up',
    sessionToken: 'warm-up',
    expiration: 946684800000
  }
})
const JSON_HEADERS = { 'content-type': 'application/json' }

/**
 * CreateTokenWithIAM and GetRoleCredentials once each, through clients like the real ones,
 * answered from a can (see warmUp): run while the STS hop is in flight, the two calls after it
 * find their code compiled. The token request is signed with made-up keys that go nowhere.
 */
export async function warmUpIdentityCenter(
  options: ReturnType<typeof awsClientOptions>,
  applicationArn: string
): Promise<boolean> {
  const oidc = new SSOOIDCClient({
    ...options,
    credentials: { accessKeyId: 'ASIAWARMUPWARMUPWARM', secretAccessKey: 'warm-up' },
    requestHandler: cannedHandler({ statusCode: 200, headers: JSON_HEADERS, body: TOKEN_ANSWER })
  })
  const portal = new SSOClient({
    ...options,
    requestHandler: cannedHandler({
      statusCode: 200,
      headers: JSON_HEADERS,
      body: CREDENTIALS_ANSWER
    })
  })
  const token = await warmUp(() =>
    oidc.send(
      new CreateTokenWithIAMCommand({
        clientId: applicationArn,
        grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: 'warm-up',
        scope: ['sso:account:access']
      })
    )
  )
  const credentials = await warmUp(() =>
    portal.send(
      new GetRoleCredentialsCommand({
        accessToken: 'warm-up',
        accountId: '000000000000',
        roleName: 'warm-up'
      })
    )
  )
  return token && credentials
}
