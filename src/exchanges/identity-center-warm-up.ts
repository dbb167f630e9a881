import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso'
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { awsClientOptions } from '../net/aws-client-options.js'

// V8 compiles a function the first time it runs, and an SDK call's first run covers a great deal
// of code: its middleware, the serializer, the signer, the parser of the answer. Run once, on
// clients of their own whose handler answers from a can, while the STS hop is in flight, that
// compiling is done before the real calls need it. Nothing is sent, and what they give is dropped.

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

/** A request handler that answers every request with this JSON body and sends nothing. */
function cannedHandler(body: string) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async () => {
      // A turn of the event loop between the request's half and the answer's: an answer the
      // step is waiting for is handled in between, not after both.
      await new Promise((resolve) => setImmediate(resolve))
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(body)
        }
      }
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined
  }
}

/** Whether the call went through: a warm-up that failed early compiled less, and says so. */
const wentThrough = (call: Promise<unknown>) =>
  call.then(
    () => true,
    () => false
  )

/**
 * CreateTokenWithIAM and GetRoleCredentials once each, through clients like the real ones,
 * answered from a can. The token request is signed with made-up keys that go nowhere.
 */
export async function warmUpIdentityCenter(
  options: ReturnType<typeof awsClientOptions>,
  applicationArn: string
): Promise<boolean> {
  const oidc = new SSOOIDCClient({
    ...options,
    credentials: { accessKeyId: 'ASIAWARMUPWARMUPWARM', secretAccessKey: 'warm-up' },
    requestHandler: cannedHandler(TOKEN_ANSWER)
  })
  const portal = new SSOClient({ ...options, requestHandler: cannedHandler(CREDENTIALS_ANSWER) })
  const token = await wentThrough(
    oidc.send(
      new CreateTokenWithIAMCommand({
        clientId: applicationArn,
        grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: 'warm-up',
        scope: ['sso:account:access']
      })
    )
  )
  const credentials = await wentThrough(
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
