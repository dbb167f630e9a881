import { chmodSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.js'
import { NOBODY } from '../../runner/step-user.js'
import {
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  newJob,
  requestsTo,
  roleArn,
  useEmulator
} from './fixture.js'

const profiles = (count: number) =>
  Array.from({ length: count }, (_, i) => `p${i} = ${roleArn('deploy')}`).join('\n')

describe('limits: role-profiles, STS concurrency, the signing algorithm', () => {
  const ctx = useEmulator()

  it('more than 20 role-profiles are refused, naming the input and the cap, before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      'aws-region': 'eu-west-1',
      'role-profiles': profiles(21)
    })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toContain('Input role-profiles: 21 roles; give at most 20')
  })

  it('20 role-profiles: every one written, with at most 4 requests to STS at a time', async () => {
    const { emu } = ctx
    // Each answer takes a while, so that requests sent together overlap in the log.
    const job = newJob(emu, { faults: { 'sts:AssumeRoleWithWebIdentity': { latencyMs: 200 } } })
    const main = await job.run('main', { 'aws-region': 'eu-west-1', 'role-profiles': profiles(20) })
    expect(main.exitCode, failure(main)).toBe(0)
    const calls = requestsTo(emu, 'sts')
    expect(calls).toHaveLength(20)
    const inFlight = calls.map(
      (c) => calls.filter((o) => o.startedAt <= c.startedAt && o.endedAt > c.startedAt).length
    )
    expect(Math.max(...inFlight)).toBe(4)
    expectNoLeaks(emu, main)
  })

  it('web-identity-token-signing-algorithm is checked without web-identity-token-audience too', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...STS_INPUTS,
      'web-identity-token-signing-algorithm': 'HS256'
    })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toContain(
      'Input web-identity-token-signing-algorithm: "HS256" is not offered; use RS256 or ES384.'
    )
  })
})

describe('RUNNER_TEMP that cannot be written to', () => {
  const ctx = useEmulator()

  /** The step failed under the RUNNER_TEMP title, naming the error and what to fix, and exported nothing. */
  function expectRunnerTempRefused(main: StepResult, temp: string, code: string) {
    expectNothingExported(main)
    expect(main.log.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'RUNNER_TEMP not writable' })
    ])
    expect(failure(main)).toContain(
      `RUNNER_TEMP not writable: ${join(temp, 'keyless-aws')}: ${code}`
    )
    expect(failure(main)).toContain('RUNNER_TEMP must name a directory this user can write to')
    expect(failure(main)).not.toContain('Unexpected error')
  }

  it('names RUNNER_TEMP and what to fix, not an unexpected error; nothing exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const file = join(job.dir, 'not-a-directory')
    writeFileSync(file, '')
    const temp = join(file, 'temp')
    const main = await job.run(
      'main',
      { ...STS_INPUTS, 'aws-profile': 'deploy' },
      { RUNNER_TEMP: temp }
    )
    expectRunnerTempRefused(main, temp, 'ENOTDIR')
    expectNoLeaks(emu, main)
  })

  it('read-only (EACCES): names RUNNER_TEMP and what to fix, not an unexpected error; nothing exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const temp = job.env.RUNNER_TEMP
    chmodSync(temp, 0o555)
    // No mode stops root, as the tests and CI run: there the step runs as an unprivileged user,
    // as a runner's job user would.
    if (process.getuid?.() === 0) job.injectInNextStep({ asUser: NOBODY })
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expectRunnerTempRefused(main, temp, 'EACCES')
    expect(existsSync(join(temp, 'keyless-aws'))).toBe(false)
    expectNoLeaks(emu, main)
  })
})

describe('a dripping token endpoint, with default settings', () => {
  const ctx = useEmulator()

  it('fails within 2 × request-timeout (10 s) and one backoff, about 21 s rather than 68 s; nothing exported', async () => {
    const { emu } = ctx
    const job = newJob(emu, { faults: { 'github:GetIdToken': { always: { kind: 'drip' } } } })
    const main = await job.run('main', STS_INPUTS)
    expectNothingExported(main)
    expect(failure(main)).toMatch(/gave up after 2 attempts in [\d.]+ s/)
    expect(failure(main)).toContain('no complete answer within 10 s')
    expect(requestsTo(emu, 'github').map((r) => r.fault)).toEqual(['drip', 'drip'])
    expectNoLeaks(emu, main)
  }, 60_000)
})
