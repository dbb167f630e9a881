import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { FaultMap } from '../../emulator/faults/fault-map.js'
import { createFaultInjector } from '../../emulator/faults/injector.js'
import { faultReply, throttlingReply } from '../../emulator/faults/replies.js'
import { TokenBucket } from '../../emulator/faults/token-bucket.js'
import type { EmulatorRequest } from '../../emulator/http-message.js'
import { actionOf } from '../../emulator/registry.js'

function clock() {
  const state = { now: 0 }
  return { now: () => state.now, advance: (ms: number) => (state.now += ms) }
}

describe('TokenBucket', () => {
  it('allows the burst at once, then one request per 1/rate seconds', () => {
    const time = clock()
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 3, now: time.now })
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false])
    time.advance(499)
    expect(bucket.tryTake()).toBe(false)
    time.advance(1)
    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false])
  })

  it('refills no further than the burst', () => {
    const time = clock()
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2, now: time.now })
    time.advance(60_000)
    expect([1, 2, 3].map(() => bucket.tryTake())).toEqual([true, true, false])
  })

  it('never refills at rate 0', () => {
    const time = clock()
    const bucket = new TokenBucket({ ratePerSecond: 0, burst: 1, now: time.now })
    expect(bucket.tryTake()).toBe(true)
    time.advance(3_600_000)
    expect(bucket.tryTake()).toBe(false)
  })
})

// A response whose socket stays open: enough for faults that answer.
const openResponse = { req: { socket: { destroyed: false } }, once: () => undefined }
const res = openResponse as unknown as ServerResponse

describe('createFaultInjector', () => {
  const error = (status: number) => ({ kind: 'error', status }) as const

  async function kinds(faults: FaultMap, service: string, action: string, count: number) {
    const injector = createFaultInjector(() => faults, clock().now)
    const seen = []
    for (let i = 0; i < count; i++)
      seen.push((await injector.intercept(service, action, res)).fault)
    return seen
  }

  it('plays the script, then always, then the throttle', async () => {
    const faults = {
      'sts:X': {
        script: [error(500), error(503)],
        always: error(400),
        throttle: { ratePerSecond: 0, burst: 0 }
      }
    }
    expect(await kinds(faults, 'sts', 'X', 4)).toEqual(['error', 'error', 'error', 'error'])
    delete (faults['sts:X'] as { always?: unknown }).always
    expect(await kinds(faults, 'sts', 'X', 3)).toEqual(['error', 'error', 'throttle'])
  })

  it('prefers the exact key to the wildcard, which covers the other actions', async () => {
    const faults = { 'sso:*': { always: error(500) }, 'sso:Logout': {} }
    expect(await kinds(faults, 'sso', 'Logout', 2)).toEqual([undefined, undefined])
    expect(await kinds(faults, 'sso', 'GetRoleCredentials', 1)).toEqual(['error'])
    expect(await kinds(faults, 'sts', 'GetRoleCredentials', 1)).toEqual([undefined])
  })

  it('forgets counters and buckets on reset', async () => {
    const faults = {
      'github:*': { script: [error(503)], throttle: { ratePerSecond: 0, burst: 1 } }
    }
    const injector = createFaultInjector(() => faults)
    const next = async () => (await injector.intercept('github', 'GetIdToken', res)).fault
    expect([await next(), await next(), await next()]).toEqual(['error', undefined, 'throttle'])
    injector.reset()
    expect([await next(), await next()]).toEqual(['error', undefined])
  })
})

describe('fault replies in each service’s format', () => {
  it('github: JSON message', () => {
    const reply = faultReply('github', 'GetIdToken', { status: 500 })
    expect([reply.status, JSON.parse(reply.body)]).toEqual([
      500,
      { message: 'Internal Server Error' }
    ])
    expect(throttlingReply('github', 'GetIdToken').status).toBe(429)
  })

  it('sts: error XML, Receiver for 5xx and Sender for throttling', () => {
    const unavailable = faultReply('sts', 'AssumeRoleWithWebIdentity', { status: 503 })
    expect(unavailable.body).toMatch(/<Type>Receiver<\/Type>\s*<Code>ServiceUnavailable<\/Code>/)
    const throttled = throttlingReply('sts', 'AssumeRoleWithWebIdentity')
    expect(throttled.status).toBe(400)
    expect(throttled.body).toMatch(
      /<Type>Sender<\/Type>\s*<Code>Throttling<\/Code>\s*<Message>Rate exceeded<\/Message>/
    )
    expect(faultReply('sts', 'X', { status: 500 }).body).toContain('<Code>InternalFailure</Code>')
  })

  it('sso-oidc: x-amzn-errortype and OAuth error members', () => {
    const throttled = throttlingReply('sso-oidc', 'CreateTokenWithIAM')
    expect(throttled.status).toBe(400)
    expect(throttled.headers['x-amzn-errortype']).toBe('SlowDownException')
    expect(JSON.parse(throttled.body)).toEqual({
      error: 'slow_down',
      error_description: 'Rate exceeded'
    })
    const grant = faultReply('sso-oidc', 'CreateTokenWithIAM', {
      status: 400,
      code: 'InvalidGrantException',
      message: 'Invalid grant'
    })
    expect(JSON.parse(grant.body)).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant'
    })
    const internal = faultReply('sso-oidc', 'CreateTokenWithIAM', { status: 500 })
    expect(internal.headers['x-amzn-errortype']).toBe('InternalServerException')
    expect(JSON.parse(internal.body)).toMatchObject({ error: 'server_error' })
  })

  it('sso: x-amzn-errortype and a message', () => {
    const throttled = throttlingReply('sso', 'GetRoleCredentials')
    expect([throttled.status, throttled.headers['x-amzn-errortype']]).toEqual([
      429,
      'TooManyRequestsException'
    ])
    expect(JSON.parse(throttled.body)).toEqual({ message: 'Rate exceeded' })
    const unauthorized = faultReply('sso', 'GetRoleCredentials', { status: 401 })
    expect(unauthorized.headers['x-amzn-errortype']).toBe('UnauthorizedException')
  })
})

describe('actionOf', () => {
  const request = (method: string, path: string, body = ''): EmulatorRequest => ({
    method,
    url: new URL(path, 'http://127.0.0.1'),
    headers: {},
    body
  })

  it.each([
    ['github', request('GET', '/github/token?api-version=2.0'), 'GetIdToken'],
    ['github', request('GET', '/github/.well-known/jwks'), 'JWKS'],
    ['github', request('GET', '/github/nope'), 'NotFound'],
    [
      'sts',
      request('POST', '/sts/', 'Action=AssumeRoleWithWebIdentity&Version=x'),
      'AssumeRoleWithWebIdentity'
    ],
    ['sts', request('GET', '/sts/?Action=GetCallerIdentity'), 'GetCallerIdentity'],
    ['sts', request('POST', '/sts/', ''), 'Unknown'],
    [
      'account-issuer',
      request('GET', '/accounts/111122223333/issuer/.well-known/openid-configuration'),
      'Discovery'
    ],
    [
      'account-issuer',
      request('GET', '/accounts/111122223333/issuer/.well-known/jwks.json'),
      'JWKS'
    ],
    ['account-issuer', request('GET', '/accounts/111122223333/issuer'), 'NotFound']
  ])('%s %s', (service, req, action) => {
    expect(actionOf(service, req)).toBe(action)
  })
})
