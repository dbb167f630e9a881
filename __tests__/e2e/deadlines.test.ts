import { describe, expect, it } from 'vitest'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  consume,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

// Every AWS call answers 200 at once and then drips its body, a byte a second: an idle-time
// limit never fires, so only a deadline for the whole request ends the step.
const DRIP = { always: { kind: 'drip' } } as const
const LIMITS = { 'request-timeout-seconds': '1', 'retry-max-attempts': '2' }
const ENDPOINTS = [
  { key: 'sts:AssumeRoleWithWebIdentity', inputs: STS_INPUTS },
  {
    key: 'sts:AssumeRole',
    before: STS_INPUTS,
    inputs: {
      ...STS_INPUTS,
      'role-to-assume': roleArn('chained-target'),
      'role-chaining': 'true',
      'role-external-id': 'octo-external-id'
    }
  },
  {
    key: 'sts:GetWebIdentityToken',
    inputs: { ...STS_INPUTS, 'web-identity-token-audience': 'https://api.vendor.example' }
  },
  { key: 'sso-oidc:CreateTokenWithIAM', inputs: IDENTITY_CENTER },
  { key: 'sso:GetRoleCredentials', inputs: IDENTITY_CENTER },
  { key: 'github:GetIdToken', inputs: STS_INPUTS }
] as const

describe.each(ENDPOINTS)('a drip on $key', (endpoint) => {
  const ctx = useEmulator()

  it('fails within 2 attempts × request-timeout, naming the deadline; nothing exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    if ('before' in endpoint) {
      expect((await job.run('main', endpoint.before)).exitCode).toBe(0)
      emu.resetLog()
    }
    emu.setScenario({ faults: { [endpoint.key]: DRIP } })
    const main = await job.run('main', { ...endpoint.inputs, ...LIMITS })
    expectNothingExported(main)
    expect(failure(main)).toMatch(/gave up after 2 attempts in [\d.]+ s/)
    expect(failure(main)).toMatch(/no (complete )?answer within 1 s/)
    const dripped = emu.log.filter((r) => `${r.service}:${r.action}` === endpoint.key)
    expect(dripped.map((r) => r.fault)).toEqual(['drip', 'drip'])
    expectNoLeaks(emu, main, { secretOutputs: ['web-identity-token'] })
  })
})

describe('a drip on the credential process’s exchange', () => {
  const ctx = useEmulator()

  it('fails within 2 attempts × request-timeout, and the SDK sees the deadline', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-profiles': `deploy = ${roleArn('deploy')}`,
      'self-refreshing': 'true',
      ...LIMITS
    })
    expect(main.exitCode, failure(main)).toBe(0)
    emu.setScenario({ faults: { 'sts:AssumeRoleWithWebIdentity': DRIP } })
    emu.resetLog()
    const result = await consume(emu, job, 'process', 'deploy')
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr).toContain('no complete answer within 1 s')
    expect(emu.log.filter((r) => r.fault === 'drip')).toHaveLength(2)
    expectNoLeaks(emu, main)
  })
})
