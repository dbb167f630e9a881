import { describe, expect, it } from 'vitest'
import type { Fault } from '../../emulator/index.js'
import {
  IDENTITY_CENTER,
  expectNoLeaks,
  expectNothingExported,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const INPUTS = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('deploy'),
  'request-timeout-seconds': '1'
}
const IC_INPUTS = { ...IDENTITY_CENTER, 'request-timeout-seconds': '1' }
// The outbound token's secret output is expected; every other place is scanned as usual.
const OUTBOUND = { secretOutputs: ['web-identity-token'] }
// Each endpoint the action calls, the path that reaches it, its throttling answer, the requests a
// clean run makes, and the token requests each retry adds (a new assertion per CreateTokenWithIAM).
const ENDPOINTS = [
  {
    key: 'github:GetIdToken',
    inputs: INPUTS,
    throttled: { kind: 'error', status: 429 },
    clean: 2,
    tokensPerRetry: 0,
    title: 'GitHub token service unavailable'
  },
  {
    key: 'sts:AssumeRoleWithWebIdentity',
    inputs: INPUTS,
    throttled: { kind: 'error', status: 400, code: 'Throttling' },
    clean: 2,
    tokensPerRetry: 0,
    title: 'AWS unavailable'
  },
  {
    key: 'sts:GetWebIdentityToken',
    inputs: { ...INPUTS, 'web-identity-token-audience': 'https://api.vendor.example' },
    throttled: { kind: 'error', status: 400, code: 'Throttling' },
    clean: 3,
    tokensPerRetry: 0,
    title: 'AWS unavailable'
  },
  {
    key: 'sts:AssumeRole',
    before: INPUTS,
    inputs: {
      ...INPUTS,
      'role-to-assume': roleArn('chained-target'),
      'role-chaining': 'true',
      'role-external-id': 'octo-external-id'
    },
    throttled: { kind: 'error', status: 400, code: 'Throttling' },
    clean: 1,
    tokensPerRetry: 0,
    title: 'AWS unavailable'
  },
  {
    key: 'sso-oidc:CreateTokenWithIAM',
    inputs: IC_INPUTS,
    throttled: { kind: 'error', status: 400, code: 'SlowDownException' },
    clean: 5,
    tokensPerRetry: 1,
    title: 'AWS unavailable'
  },
  {
    key: 'sso:GetRoleCredentials',
    inputs: IC_INPUTS,
    throttled: { kind: 'error', status: 429, code: 'TooManyRequestsException' },
    clean: 5,
    tokensPerRetry: 0,
    title: 'AWS unavailable'
  }
] as const
const error503: Fault = { kind: 'error', status: 503 }
const count = (emu: { log: { service: string; action: string }[] }, key: string) =>
  emu.log.filter((r) => `${r.service}:${r.action}` === key).length

describe.each(ENDPOINTS)('transient faults on $key are retried', (endpoint) => {
  const { key, inputs, throttled, clean, tokensPerRetry, title } = endpoint
  const ctx = useEmulator()
  // A job whose faults start after the earlier step the endpoint needs (role chaining's first role).
  const jobWith = async (faults: Record<string, unknown>) => {
    const { emu } = ctx
    const job = newJob(emu)
    const before = 'before' in endpoint ? endpoint.before : undefined
    if (before) {
      expect((await job.run('main', before)).exitCode).toBe(0)
      emu.resetLog()
    }
    emu.setScenario({ faults: { [key]: faults } })
    return job
  }

  it.each<[string, Fault[], number]>([
    ['2 × 503 then success', [error503, error503], 3],
    ['throttling then success', [throttled as Fault], 2],
    ['a connection reset then success', [{ kind: 'reset' }], 2],
    ['a hang, cut by the request timeout, then success', [{ kind: 'hang' }], 2]
  ])('%s', async (_name, script, requests) => {
    const { emu } = ctx
    const job = await jobWith({ script })
    const main = await job.run('main', inputs)
    expect(main.exitCode).toBe(0)
    expect(main.stderr).toBe('')
    expect(count(emu, key)).toBe(requests)
    expect(emu.log.length - count(emu, key)).toBe(clean - 1 + tokensPerRetry * (requests - 1))
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expect(main.log.lines.filter((l) => / attempt \d of 8 in /.test(l))).toHaveLength(requests - 1)
    expectNoLeaks(emu, main, OUTBOUND)
  })

  it('a permanent 503 fails after the attempts cap, showing the last error', async () => {
    const { emu } = ctx
    const job = await jobWith({ always: error503 })
    const main = await job.run('main', { ...inputs, 'retry-max-attempts': '3' })
    expectNothingExported(main)
    expect(count(emu, key)).toBe(3)
    expect(failure(main)).toMatch(/gave up after 3 attempts in [\d.]+ s/)
    expect(failure(main)).toMatch(/503/)
    expect(failure(main).startsWith(`keyless-aws failed: ${title}: `)).toBe(true)
    expectNoLeaks(emu, main)
  })

  it('disable-retry makes one attempt', async () => {
    const { emu } = ctx
    const job = await jobWith({ script: [error503] })
    const main = await job.run('main', { ...inputs, 'disable-retry': 'true' })
    expectNothingExported(main)
    expect(count(emu, key)).toBe(1)
    expect(failure(main)).toContain('gave up after 1 attempt in')
    expectNoLeaks(emu, main)
  })
})

describe('a failure the token request already retried', () => {
  const ctx = useEmulator()

  it('is not retried again as an STS failure, and is reported as GitHub’s', async () => {
    const { emu } = ctx
    const job = newJob(emu, { faults: { 'github:GetIdToken': { always: { kind: 'reset' } } } })
    const main = await job.run('main', { ...INPUTS, 'retry-max-attempts': '3' })
    expectNothingExported(main)
    expect(count(emu, 'github:GetIdToken')).toBe(3)
    expect(emu.log).toHaveLength(3)
    expect(failure(main)).toMatch(/^keyless-aws failed: GitHub token service unavailable: /)
    expect(main.log.lines.filter((l) => l.startsWith('STS AssumeRoleWithWebIdentity:'))).toEqual([])
    expectNoLeaks(emu, main)
  })
})

describe('retries of the exchange', () => {
  const ctx = useEmulator()

  it('IDPCommunicationError then success', async () => {
    const { emu } = ctx
    const code = 'IDPCommunicationError'
    const job = newJob(emu, {
      faults: {
        'sts:AssumeRoleWithWebIdentity': { script: [{ kind: 'error', status: 400, code }] }
      }
    })
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => r.status)).toEqual([200, 400, 200])
    expectNoLeaks(emu, main)
  })

  it('fetch a new token before a retry when the current one has under a minute left', async () => {
    const { emu } = ctx
    const job = newJob(emu, {
      github: { lifetimeSeconds: 30 },
      faults: { 'sts:AssumeRoleWithWebIdentity': { script: [error503] } }
    })
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => `${r.action} ${r.status}`)).toEqual([
      'GetIdToken 200',
      'AssumeRoleWithWebIdentity 503',
      'GetIdToken 200',
      'AssumeRoleWithWebIdentity 200'
    ])
    expectNoLeaks(emu, main)
  })

  it('keeps the token for a retry while it has time left', async () => {
    const { emu } = ctx
    const job = newJob(emu, { faults: { 'sts:AssumeRoleWithWebIdentity': { script: [error503] } } })
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => r.action)).toEqual([
      'GetIdToken',
      'AssumeRoleWithWebIdentity',
      'AssumeRoleWithWebIdentity'
    ])
    expectNoLeaks(emu, main)
  })

  it('a permanent error on the token endpoint is not retried', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, {
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-this-job'
    }).run('main', INPUTS)
    expectNothingExported(main)
    expect(emu.log.map((r) => `${r.action} ${r.status}`)).toEqual(['GetIdToken 401'])
    expect(failure(main)).toMatch(
      /^keyless-aws failed: GitHub refused the token request: .*HTTP 401/
    )
    expectNoLeaks(emu, main)
  })
})
