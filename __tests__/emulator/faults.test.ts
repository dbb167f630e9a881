import { once } from 'node:events'
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import {
  ASSUME,
  GET_ID_TOKEN,
  assumeCommand,
  failure,
  stsClient,
  unavailable,
  useFaultEmulator
} from './fault-harness.js'
import type { ClientFailure } from './fault-harness.js'
import { idTokenResponse, requestIdToken } from './request-id-token.js'
import { lastIssued } from './sts-harness.js'

const harness = useFaultEmulator()
const { assume, logOf, withFaults } = harness

function expectConnectionReset(error: ClientFailure) {
  const code = error.code ?? error.cause?.code
  const message = `${error.message} ${error.cause?.message ?? ''}`
  expect(code === 'ECONNRESET' || /socket hang up/.test(message), message).toBe(true)
}

describe('scripted faults', () => {
  it('GitHub answers 503 twice, then issues the token', async () => {
    harness.emulator.setScenario({
      faults: { [GET_ID_TOKEN]: { script: [unavailable, unavailable] } }
    })
    const statuses = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await idTokenResponse(harness.emulator, 'sts')).status)
    }
    expect(statuses).toEqual([503, 503, 200])
    expect(logOf('github').map(({ status, fault }) => [status, fault])).toEqual([
      [503, 'error'],
      [503, 'error'],
      [200, undefined]
    ])
  })

  it("GitHub's errors are JSON with the status's message", async () => {
    harness.emulator.setScenario({ faults: { [GET_ID_TOKEN]: { always: unavailable } } })
    const response = await idTokenResponse(harness.emulator, 'sts')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(await response.json()).toEqual({ message: 'Service Unavailable' })
  })

  it('STS answers 503 twice through the SDK, then the credentials', async () => {
    const token = await withFaults({ [ASSUME]: { script: [unavailable, unavailable] } })
    for (let i = 0; i < 2; i++) {
      const error = await failure(assume(token))
      expect(error.name).toBe('ServiceUnavailable')
      expect(error.$metadata?.httpStatusCode).toBe(503)
    }
    expect((await assume(token)).Credentials).toEqual(lastIssued(harness.emulator))
    expect(logOf('sts').map(({ action, status, fault }) => [action, status, fault])).toEqual([
      ['AssumeRoleWithWebIdentity', 503, 'error'],
      ['AssumeRoleWithWebIdentity', 503, 'error'],
      ['AssumeRoleWithWebIdentity', 200, undefined]
    ])
  })

  it('always: every request fails, with the code given', async () => {
    const fault = { kind: 'error', status: 400, code: 'IDPCommunicationError' } as const
    const token = await withFaults({ [ASSUME]: { always: fault } })
    for (let i = 0; i < 3; i++) {
      expect((await failure(assume(token))).name).toBe('IDPCommunicationErrorException')
    }
    expect(logOf('sts').map((entry) => entry.status)).toEqual([400, 400, 400])
  })

  it('a "<service>:*" key faults every action, and an exact key wins over it', async () => {
    harness.emulator.setScenario({
      faults: { 'github:*': { always: unavailable }, [GET_ID_TOKEN]: { script: [] } }
    })
    expect((await idTokenResponse(harness.emulator, 'sts')).status).toBe(200)
    const discovery = await fetch(`${harness.emulator.url}/github/.well-known/openid-configuration`)
    expect(discovery.status).toBe(503)
    expect(logOf('github').map((entry) => entry.action)).toEqual(['GetIdToken', 'Discovery'])
  })

  it("leaves the emulator's own JWKS discovery alone", async () => {
    const fresh = await startEmulator()
    try {
      const token = await requestIdToken(fresh, 'sts.amazonaws.com')
      fresh.setScenario({ faults: { 'github:*': { always: unavailable } } })
      // A fresh emulator has not fetched its JWKS yet: this call makes it do so, faults or not.
      const client = stsClient(fresh)
      expect((await client.send(assumeCommand(token))).Credentials).toEqual(lastIssued(fresh))
      client.destroy()
    } finally {
      await fresh.close()
    }
  })

  it('counters restart when the scenario is set', async () => {
    const faults = { [GET_ID_TOKEN]: { script: [unavailable] } }
    harness.emulator.setScenario({ faults })
    expect((await idTokenResponse(harness.emulator, 'sts')).status).toBe(503)
    expect((await idTokenResponse(harness.emulator, 'sts')).status).toBe(200)
    harness.emulator.setScenario({ faults })
    expect((await idTokenResponse(harness.emulator, 'sts')).status).toBe(503)
  })
})

describe('connection faults', () => {
  it('reset: the SDK sees the connection reset, and the log status 0', async () => {
    const token = await withFaults({ [ASSUME]: { script: [{ kind: 'reset' }] } })
    expectConnectionReset(await failure(assume(token)))
    expect(logOf('sts')).toMatchObject([{ status: 0, fault: 'reset' }])
    expect((await assume(token)).Credentials).toEqual(lastIssued(harness.emulator))
  })

  it('reset: fetch sees the connection reset', async () => {
    harness.emulator.setScenario({ faults: { [GET_ID_TOKEN]: { always: { kind: 'reset' } } } })
    expectConnectionReset(await failure(idTokenResponse(harness.emulator, 'sts')))
  })

  it('hang: the client times out, and the log records the hang when it gives up', async () => {
    harness.emulator.setScenario({ faults: { [GET_ID_TOKEN]: { always: { kind: 'hang' } } } })
    const request = fetch(harness.emulator.env.ACTIONS_ID_TOKEN_REQUEST_URL, {
      signal: AbortSignal.timeout(300)
    })
    expect((await failure(request)).name).toBe('TimeoutError')
    await vi.waitFor(() => expect(logOf('github')).toMatchObject([{ status: 0, fault: 'hang' }]))
  })

  it('drip: 200 and the headers at once, then the real body a byte at a time', async () => {
    harness.emulator.setScenario({
      faults: { [GET_ID_TOKEN]: { always: { kind: 'drip', intervalMs: 1 } } }
    })
    const response = await idTokenResponse(harness.emulator, 'sts')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { value: string }
    expect(body.value.split('.')).toHaveLength(3)
    await vi.waitFor(() => expect(logOf('github')).toMatchObject([{ status: 200, fault: 'drip' }]))
    expect(logOf('github')[0].cutShort).toBeUndefined()
  })

  it('drip: a client that gives up mid-body ends the drip, and the log records it', async () => {
    harness.emulator.setScenario({ faults: { [GET_ID_TOKEN]: { always: { kind: 'drip' } } } })
    const controller = new AbortController()
    const response = await fetch(harness.emulator.env.ACTIONS_ID_TOKEN_REQUEST_URL, {
      headers: { authorization: `Bearer ${harness.emulator.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      signal: controller.signal
    })
    expect(response.status).toBe(200)
    controller.abort()
    await vi.waitFor(() =>
      expect(logOf('github')).toMatchObject([{ status: 200, fault: 'drip', cutShort: true }])
    )
  })

  it(
    'hang: close() ends the hung request instead of waiting for it',
    { timeout: 5000 },
    async () => {
      const fresh = await startEmulator({
        faults: { [GET_ID_TOKEN]: { always: { kind: 'hang' } } }
      })
      const { closed } = await sendWithoutWaiting(new URL(fresh.env.ACTIONS_ID_TOKEN_REQUEST_URL))
      // Answered after the hung request reached the emulator, on an earlier connection.
      const discovery = await fetch(`${fresh.url}/github/.well-known/openid-configuration`)
      expect(discovery.status).toBe(200)
      await fresh.close()
      await closed
      await vi.waitFor(() => expect(fresh.log).toMatchObject([{}, { status: 0, fault: 'hang' }]))
    }
  )
})

// A raw GET, sent on a connection known to be open once this resolves.
async function sendWithoutWaiting(url: URL): Promise<{ closed: Promise<void> }> {
  const socket = connect(Number(url.port), url.hostname)
  socket.on('error', () => undefined).resume()
  await once(socket, 'connect')
  socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  return { closed: once(socket, 'close').then(() => undefined) }
}
