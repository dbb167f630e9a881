import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleWithWebIdentityCommandInput } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import { requestIdToken } from './request-id-token.js'

export const ACCOUNT = '111122223333'

export const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`

export interface Call {
  scenario?: ScenarioOverrides
  audience?: string
  input?: Partial<AssumeRoleWithWebIdentityCommandInput>
}

export type StsFailure = Error & { $metadata: { httpStatusCode?: number } }

/** The credentials the emulator issued last, as the SDK reads them from STS's answer. */
export function lastIssued(emulator: Emulator) {
  const issued = emulator.issued.credentials.at(-1)
  if (!issued) throw new Error('the emulator issued no credentials')
  return {
    AccessKeyId: issued.accessKeyId,
    SecretAccessKey: issued.secretAccessKey,
    SessionToken: issued.sessionToken,
    Expiration: issued.expiration
  }
}

/**
 * One emulator and one real STS client per test file, closed after it; every test starts from the
 * default scenario with an empty log. The fields are set once the file's tests start.
 */
export function useEmulatorAndSts(client: (emulator: Emulator) => STSClient = defaultClient): {
  emulator: Emulator
  sts: STSClient
} {
  const state = {} as { emulator: Emulator; sts: STSClient }
  beforeAll(async () => {
    state.emulator = await startEmulator()
    state.sts = client(state.emulator)
  })
  afterAll(async () => {
    state.sts.destroy()
    await state.emulator.close()
  })
  beforeEach(() => {
    state.emulator.setScenario({})
    state.emulator.resetLog()
  })
  return state
}

const defaultClient = (emulator: Emulator) =>
  new STSClient({ region: 'eu-west-1', endpoint: emulator.env.AWS_ENDPOINT_URL_STS })

export function useStsEmulator() {
  const state = useEmulatorAndSts()

  // The action's path: a GitHub id_token for the audience, then AssumeRoleWithWebIdentity.
  async function assume({ scenario = {}, audience = 'sts.amazonaws.com', input = {} }: Call) {
    state.emulator.setScenario(scenario)
    const token = await requestIdToken(state.emulator, audience)
    return state.sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn('deploy'),
        RoleSessionName: 'keyless-aws-1234567890-1',
        WebIdentityToken: token,
        ...input
      })
    )
  }

  async function rejection(call: Call): Promise<StsFailure> {
    try {
      await assume(call)
    } catch (error) {
      return error as StsFailure
    }
    throw new Error('expected STS to reject the call')
  }

  return {
    get emulator() {
      return state.emulator
    },
    assume,
    rejection
  }
}
