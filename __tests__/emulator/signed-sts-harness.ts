import { STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity } from '@smithy/types'
import { afterAll } from 'vitest'
import { useStsEmulator } from './sts-harness.js'
import type { Call, StsFailure } from './sts-harness.js'

export const REGION = 'eu-west-1'

// On top of the STS harness: sessions from AssumeRoleWithWebIdentity, and real SDK clients
// signed with them, as the action's later calls are.
export function useSignedStsEmulator() {
  const harness = useStsEmulator()
  const clients: STSClient[] = []

  afterAll(() => {
    for (const client of clients) client.destroy()
  })

  async function session(call: Call = {}): Promise<AwsCredentialIdentity> {
    const { Credentials: c } = await harness.assume(call)
    return {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!
    }
  }

  // No retries, so that each call is one round trip and errors surface as they came.
  function clientFor(credentials: AwsCredentialIdentity, region = REGION): STSClient {
    const client = new STSClient({
      region,
      endpoint: harness.emulator.env.AWS_ENDPOINT_URL_STS,
      credentials,
      maxAttempts: 1
    })
    clients.push(client)
    return client
  }

  return {
    get emulator() {
      return harness.emulator
    },
    session,
    clientFor,
    signedClient: async (call: Call = {}) => clientFor(await session(call))
  }
}

export function rejectionOf(promise: Promise<unknown>): Promise<StsFailure> {
  return promise.then(
    () => Promise.reject(new Error('expected STS to reject the call')),
    (error: unknown) => error as StsFailure
  )
}

// An STS error document as a raw HTTP client sees it.
export async function xmlErrorOf(response: Response) {
  const body = await response.text()
  const text = (name: string) =>
    unescapeXml(new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1])
  return { status: response.status, code: text('Code'), message: text('Message') }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unescapeXml(text: string | undefined): string | undefined {
  return text?.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name])
}
