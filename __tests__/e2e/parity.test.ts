import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.js'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

describe('parity with configure-aws-credentials, done right', () => {
  const ctx = useEmulator()

  it('allowed-account-ids: a listed account passes', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...STS_INPUTS,
      'allowed-account-ids': `444455556666, ${ACCOUNT}`
    })
    expect(main.exitCode).toBe(0)
    expectNoLeaks(emu, main)
  })

  it('allowed-account-ids: a mismatch exports nothing and writes nothing, not even a requested token file', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'allowed-account-ids': '444455556666\n777788889999',
      'web-identity-token-audience': 'https://api.vendor.example',
      'web-identity-token-to-file': 'true'
    })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Account not allowed: the credentials are for account 111122223333\n/
    )
    expect(failure(main)).toContain(
      'allowed-account-ids lists 444455556666, 777788889999; nothing was exported.'
    )
    const dir = join(job.env.RUNNER_TEMP, 'keyless-aws')
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
    // The credentials were masked even though they were refused.
    expect(main.log.masks).toContain(emu.issued.credentials.at(-1)!.secretAccessKey)
    expectNoLeaks(emu, main)
  })
})

describe('session policies', () => {
  const ctx = useEmulator()
  const POLICY = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::artifacts/*' }]
  }

  it('sends the inline policy, compacted, and the managed policy ARNs to STS', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...STS_INPUTS,
      'inline-session-policy': JSON.stringify(POLICY, null, 2),
      'managed-session-policies':
        'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::111122223333:policy/deploy-boundary'
    })
    expect(main.exitCode).toBe(0)
    const issued = emu.issued.credentials.at(-1)!
    expect(issued.sessionPolicy).toBe(JSON.stringify(POLICY))
    expect(issued.policyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::111122223333:policy/deploy-boundary'
    ])
    expectNoLeaks(emu, main)
  })
})

describe('misuse warnings: titled warning annotations that say what to change, never failures', () => {
  const ctx = useEmulator()
  const warnings = (step: StepResult) => step.log.annotations.filter((a) => a.level === 'warning')

  async function eventFile(dir: string, head: string): Promise<string> {
    const { writeFileSync } = await import('node:fs')
    const path = join(dir, 'event.json')
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: {
          head: { repo: { full_name: head } },
          base: { repo: { full_name: 'octo-org/octo-repo' } }
        }
      })
    )
    return path
  }

  it('says nothing for a well-used action', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, { GITHUB_ACTION_REF: 'v0' }).run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    expect(warnings(main)).toEqual([])
    expectNoLeaks(emu, main)
  })

  it.each([
    [
      'a long-lived key in the environment',
      { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' },
      'Long-lived AWS access key in the job',
      'A long-lived access key (AKIA…) is set'
    ],
    [
      'the action used at a branch',
      { GITHUB_ACTION_REF: 'main' },
      'keyless-aws pinned to a branch',
      'keyless-aws is used at "main", a branch'
    ],
    [
      'the action used at a branch named like a version',
      { GITHUB_ACTION_REF: 'releases/v1' },
      'keyless-aws pinned to a branch',
      'keyless-aws is used at "releases/v1", a branch'
    ]
  ])('warns about %s', async (_name, env, title, text) => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, env).run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    expect(warnings(main)).toEqual([
      expect.objectContaining({ title, message: expect.stringContaining(text) })
    ])
    expectNoLeaks(emu, main)
  })

  it('does not warn about a release tag, a pre-release tag, or a commit SHA, full or short', async () => {
    const { emu } = ctx
    for (const ref of [
      'v1.2.3',
      'v1.2.3-rc1',
      'de0fac2e4500dabe0009e67214ff5f5447ce83dd',
      'de0fac2'
    ]) {
      const main = await newJob(emu, undefined, { GITHUB_ACTION_REF: ref }).run('main', STS_INPUTS)
      expect(main.exitCode).toBe(0)
      expect(warnings(main)).toEqual([])
      expectNoLeaks(emu, main)
    }
  })

  it('warns about pull_request_target from a fork, not from the same repository', async () => {
    const { emu } = ctx
    const fork = newJob(emu)
    fork.setEnv({
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: await eventFile(fork.dir, 'mallory/octo-repo')
    })
    const fromFork = await fork.run('main', STS_INPUTS)
    expect(fromFork.exitCode).toBe(0)
    expect(warnings(fromFork)).toEqual([
      expect.objectContaining({
        title: 'AWS credentials in pull_request_target from a fork',
        message: expect.stringContaining('pull_request_target for a pull request from a fork')
      })
    ])
    const same = newJob(emu)
    same.setEnv({
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_EVENT_PATH: await eventFile(same.dir, 'octo-org/octo-repo')
    })
    const fromSame = await same.run('main', STS_INPUTS)
    expect(fromSame.exitCode).toBe(0)
    expect(warnings(fromSame)).toEqual([])
    for (const step of [fromFork, fromSame]) expectNoLeaks(emu, step)
  })
})
