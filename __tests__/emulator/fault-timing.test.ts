import { describe, expect, it } from 'vitest'
import { ASSUME, GET_ID_TOKEN, useFaultEmulator } from './fault-harness.js'
import type { ClientFailure } from './fault-harness.js'
import { idTokenResponse } from './request-id-token.js'
import { lastIssued } from './sts-harness.js'

const harness = useFaultEmulator()
const { assume, logOf, withFaults } = harness

describe('latency and throttling', () => {
  it('latency delays the answer without blocking other endpoints', async () => {
    harness.emulator.setScenario({ faults: { [GET_ID_TOKEN]: { latencyMs: 200 } } })
    const slow = idTokenResponse(harness.emulator, 'sts')
    const discovery = await fetch(`${harness.emulator.url}/github/.well-known/openid-configuration`)
    expect(discovery.status).toBe(200)
    expect((await slow).status).toBe(200)
    const [first, second] = logOf('github')
    expect(first.action).toBe('Discovery')
    expect(second.endedAt - second.startedAt).toBeGreaterThanOrEqual(200)
  })

  it('latency applies to STS through the SDK too', async () => {
    const token = await withFaults({ [ASSUME]: { latencyMs: 150 } })
    expect((await assume(token)).Credentials).toEqual(lastIssued(harness.emulator))
    const [entry] = logOf('sts')
    expect(entry.status).toBe(200)
    expect(entry.endedAt - entry.startedAt).toBeGreaterThanOrEqual(150)
  })

  it('GitHub throttles with 429 JSON once the burst is spent', async () => {
    harness.emulator.setScenario({
      faults: { [GET_ID_TOKEN]: { throttle: { ratePerSecond: 1, burst: 2 } } }
    })
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => idTokenResponse(harness.emulator, 'sts'))
    )
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 429, 429])
    const throttled = responses.filter((r) => r.status === 429)
    expect(await throttled[0].json()).toEqual({ message: 'API rate limit exceeded' })
    expect(logOf('github').filter((e) => e.fault === 'throttle')).toHaveLength(2)
  })

  it('STS throttles with 400 Throttling "Rate exceeded" once the burst is spent', async () => {
    const token = await withFaults({ [ASSUME]: { throttle: { ratePerSecond: 1, burst: 2 } } })
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => assume(token)))
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(rejected).toHaveLength(2)
    for (const error of rejected as ClientFailure[]) {
      expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
        'Throttling',
        'Rate exceeded',
        400
      ])
    }
    expect(logOf('sts').filter((e) => e.fault === 'throttle')).toHaveLength(2)
  })
})

describe('Identity Center endpoints, faulted by the same router', () => {
  it('sso:GetRoleCredentials answers an injected 503 as restJson', async () => {
    harness.emulator.setScenario({
      faults: { 'sso:GetRoleCredentials': { always: { kind: 'error', status: 503 } } }
    })
    const query = '?role_name=r&account_id=111122223333'
    const response = await fetch(
      `${harness.emulator.env.AWS_ENDPOINT_URL_SSO}/federation/credentials${query}`
    )
    expect(response.status).toBe(503)
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException')
    expect(await response.json()).toEqual({ message: 'Service Unavailable' })
    expect(logOf('sso')).toMatchObject([{ action: 'GetRoleCredentials', fault: 'error' }])
  })

  it('sso-oidc:* throttles with SlowDownException / slow_down', async () => {
    harness.emulator.setScenario({
      faults: { 'sso-oidc:*': { throttle: { ratePerSecond: 0, burst: 0 } } }
    })
    const response = await fetch(
      `${harness.emulator.env.AWS_ENDPOINT_URL_SSO_OIDC}/token?aws_iam=t`,
      { method: 'POST', body: '{}' }
    )
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('SlowDownException')
    expect(await response.json()).toEqual({
      error: 'slow_down',
      error_description: 'Rate exceeded'
    })
    expect(logOf('sso-oidc')).toMatchObject([{ action: 'CreateTokenWithIAM', fault: 'throttle' }])
  })
})
