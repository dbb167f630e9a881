import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { Emulator, FaultMap, RequestLogEntry } from '../../emulator/index.js'
import { requestIdToken } from './request-id-token.js'
import { roleArn, useEmulatorAndSts } from './sts-harness.js'

export const GET_ID_TOKEN = 'github:GetIdToken'
export const ASSUME = 'sts:AssumeRoleWithWebIdentity'
export const unavailable = { kind: 'error', status: 503 } as const

export type ClientFailure = Error & {
  code?: string
  cause?: { code?: string; message?: string }
  $metadata?: { httpStatusCode?: number }
}

// No retries: each call is exactly one round trip, so the log matches the calls.
export function stsClient(emulator: Emulator): STSClient {
  return new STSClient({
    region: 'eu-west-1',
    endpoint: emulator.env.AWS_ENDPOINT_URL_STS,
    maxAttempts: 1
  })
}

export function assumeCommand(token: string) {
  return new AssumeRoleWithWebIdentityCommand({
    RoleArn: roleArn('deploy'),
    RoleSessionName: 'faults',
    WebIdentityToken: token
  })
}

export function failure(promise: Promise<unknown>): Promise<ClientFailure> {
  return promise.then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: unknown) => error as ClientFailure
  )
}

// One emulator and one SDK client per test file; every test starts unfaulted with an empty log.
export function useFaultEmulator() {
  const state = useEmulatorAndSts(stsClient)

  return {
    get emulator() {
      return state.emulator
    },
    // The token is fetched before the faults apply, so only the endpoint under test is faulted.
    async withFaults(faults: FaultMap): Promise<string> {
      const token = await requestIdToken(state.emulator, 'sts.amazonaws.com')
      state.emulator.setScenario({ faults })
      state.emulator.resetLog()
      return token
    },
    assume: (token: string) => state.sts.send(assumeCommand(token)),
    logOf: (service: RequestLogEntry['service']) =>
      state.emulator.log.filter((entry) => entry.service === service)
  }
}
