import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { HttpRequest } from '@smithy/types'
import { describe, expect, it } from 'vitest'
import { TOKEN_NOT_YET, tokenAtSerialize } from '../../src/exchanges/token-at-serialize.js'

/** A client whose handler records the request it would send, and answers nothing. */
function recordingClient(seen: string[]) {
  const sent: HttpRequest[] = []
  const client = new STSClient({
    region: 'eu-west-1',
    maxAttempts: 1,
    // Asked for while the endpoint is resolved, before anything is serialized.
    useFipsEndpoint: async () => {
      seen.push('endpoint settings read')
      return false
    },
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request)
        throw new Error('recorded')
      }
    }
  })
  return { client, sent }
}

const command = () =>
  new AssumeRoleWithWebIdentityCommand({
    RoleArn: 'arn:aws:iam::111122223333:role/deploy',
    RoleSessionName: 'test',
    WebIdentityToken: TOKEN_NOT_YET
  })

describe('the web identity token goes in at serialization', () => {
  it('the SDK reads its settings and resolves the endpoint while the token is still awaited', async () => {
    const seen: string[] = []
    const { client, sent } = recordingClient(seen)
    let arrive!: (jwt: string) => void
    const token = new Promise<string>((resolve) => (arrive = resolve))
    const cmd = command()
    cmd.middlewareStack.use(
      tokenAtSerialize(() => {
        seen.push('token awaited')
        return token
      })
    )
    const sending = client.send(cmd).catch((err: Error) => err.message)
    // Let every step the SDK can take without the token run.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen.at(-1)).toBe('token awaited')
    expect(seen.slice(0, -1)).toContain('endpoint settings read')
    expect(sent).toHaveLength(0)

    arrive('header.claims.signature')
    expect(await sending).toBe('recorded')
    expect(sent).toHaveLength(1)
    const body = String(sent[0].body)
    expect(new URLSearchParams(body).get('WebIdentityToken')).toBe('header.claims.signature')
    expect(sent[0].hostname).toBe('sts.eu-west-1.amazonaws.com')
    // Where it waits: once the endpoint is resolved, and before anything is serialized.
    const order = client.middlewareStack.concat(cmd.middlewareStack).identify()
    const at = (name: string) => order.findIndex((entry) => entry.startsWith(`${name} `))
    expect(at('endpointV2Middleware')).toBeGreaterThanOrEqual(0)
    expect(at('keylessAwsTokenAtSerialize')).toBe(at('endpointV2Middleware') + 1)
    expect(at('serializerMiddleware')).toBe(at('keylessAwsTokenAtSerialize') + 1)
  })

  it('a token that cannot be had fails the send with its own error, and nothing is sent', async () => {
    const { client, sent } = recordingClient([])
    const cmd = command()
    const refused = new Error('no token from GitHub')
    cmd.middlewareStack.use(tokenAtSerialize(() => Promise.reject(refused)))
    await expect(client.send(cmd)).rejects.toBe(refused)
    expect(sent).toHaveLength(0)
  })

  it('without the middleware the placeholder would be sent: the test above can fail', async () => {
    const { client, sent } = recordingClient([])
    await client.send(command()).catch(() => undefined)
    expect(new URLSearchParams(String(sent[0].body)).get('WebIdentityToken')).toBe(TOKEN_NOT_YET)
  })
})
