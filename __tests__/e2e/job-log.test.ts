import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.js'
import {
  ACCOUNT,
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  newJob,
  useEmulator
} from './fixture.js'
import type { Emulator } from '../../emulator/index.js'

// The job log as a runner shows it: debug lines per stage, titled annotations, a failure summary.
const DEBUG = { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }

const stagesOf = (step: StepResult) =>
  new Set(step.log.debug.map((line) => /^([a-z]+): /.exec(line)?.[1]))

/** No secret the emulator issued or took is in any debug line, in any form the leak scan knows. */
function expectNoSecretInDebug(emu: Emulator, step: StepResult): void {
  const debugOnly = {
    ...step,
    stdout: step.stdout
      .split('\n')
      .filter((l) => l.startsWith('::debug::'))
      .join('\n')
  }
  expect(step.log.debug.length).toBeGreaterThan(0)
  expectNoLeaks(emu, debugOnly)
  expectNoLeaks(emu, step)
}

describe('RUNNER_DEBUG=1: debug lines for every stage, none holding a secret', () => {
  const ctx = useEmulator()

  it('STS path: config, token, exchange, publish and post each say what they did', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, DEBUG)
    const main = await job.run('main', { ...STS_INPUTS, 'mask-aws-account-id': 'true' })
    expect(main.exitCode).toBe(0)
    expect(stagesOf(main)).toEqual(new Set(['config', 'token', 'exchange', 'publish']))
    const debug = main.log.debug
    // The inputs as resolved, account masked as asked.
    expect(debug).toContain('config: region = "eu-west-1"')
    expect(debug).toContain('config: roleArn = "arn:aws:iam::***:role/deploy"')
    expect(debug.join('\n')).not.toContain(ACCOUNT)
    // The endpoint, each round trip with its status, and the token's claims.
    expect(debug).toContainEqual(
      expect.stringMatching(/^token: GET http:\/\/127\.0\.0\.1:\d+\/\S*: HTTP 200 in \d+ ms/)
    )
    expect(debug).toContainEqual(
      expect.stringMatching(
        /^token: claims \{.*"sub":"repo:octo-org\/octo-repo:ref:refs\/heads\/main"/
      )
    )
    expect(debug).toContainEqual(
      expect.stringMatching(
        /^exchange: STSClient AssumeRoleWithWebIdentityCommand: POST http:\/\/127\.0\.0\.1:\d+\/\S*: HTTP 200 in \d+ ms, request id [0-9a-f-]{36}$/
      )
    )
    expect(debug).toContain(
      'publish: exported AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_DEFAULT_REGION'
    )
    // The runner shows them in debug mode, masked like every other line.
    expect(main.log.lines).toContainEqual(expect.stringMatching(/^##\[debug\]exchange: /))
    expectNoSecretInDebug(emu, main)

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(stagesOf(post)).toEqual(new Set(['post']))
    expect(post.log.debug).toContainEqual(
      expect.stringMatching(/^post: main recorded AWS_ACCESS_KEY_ID, /)
    )
    expectNoSecretInDebug(emu, post)
  })

  it('Identity Center path: a round trip per call, with its request id, and post’s sign-out', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, DEBUG)
    const main = await job.run('main', IDENTITY_CENTER)
    expect(main.exitCode).toBe(0)
    for (const call of [
      'STSClient AssumeRoleWithWebIdentityCommand',
      'SSOOIDCClient CreateTokenWithIAMCommand',
      'SSOClient GetRoleCredentialsCommand'
    ])
      expect(main.log.debug).toContainEqual(
        expect.stringMatching(
          new RegExp(`^exchange: ${call}: \\S+ \\S+: HTTP 200 in \\d+ ms, request id \\S+$`)
        )
      )
    expectNoSecretInDebug(emu, main)
    const post = await job.run('post')
    expect(post.log.debug).toContainEqual(
      expect.stringMatching(/^post: POST http:\/\/127\.0\.0\.1:\d+\/\S*logout: HTTP 200 in \d+ ms$/)
    )
    expectNoSecretInDebug(emu, post)
  })

  it('each retry decision: retried on throttling, not retried on a refusal', async () => {
    const { emu } = ctx
    const throttled = newJob(
      emu,
      {
        faults: {
          'sts:AssumeRoleWithWebIdentity': {
            script: [{ kind: 'error', status: 400, code: 'Throttling' }]
          }
        }
      },
      DEBUG
    )
    const retried = await throttled.run('main', STS_INPUTS)
    expect(retried.exitCode).toBe(0)
    expect(retried.log.debug).toContainEqual(
      expect.stringMatching(
        /^exchange: STSClient AssumeRoleWithWebIdentityCommand: .*: HTTP 400 in \d+ ms/
      )
    )
    expect(retried.log.debug).toContainEqual(
      expect.stringMatching(
        /^retry: STS AssumeRoleWithWebIdentity, attempt 1: Throttling, HTTP 400, .*: retried after \d+ ms$/
      )
    )
    expectNoSecretInDebug(emu, retried)

    const refused = await newJob(
      emu,
      { github: { job: { environment: 'production' } } },
      DEBUG
    ).run('main', STS_INPUTS)
    expect(refused.exitCode).toBe(1)
    expect(refused.log.debug).toContainEqual(
      expect.stringMatching(
        /^retry: STS AssumeRoleWithWebIdentity, attempt 1: AccessDenied, HTTP 403, .*: not retried, /
      )
    )
    expectNoSecretInDebug(emu, refused)
  })
})

describe('misuse advice: warning annotations with a title', () => {
  const ctx = useEmulator()

  it('a long-lived AKIA key in the environment', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }).run(
      'main',
      STS_INPUTS
    )
    expect(main.exitCode).toBe(0)
    expect(main.log.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        title: 'Long-lived AWS access key in the job',
        message: expect.stringContaining('A long-lived access key (AKIA…) is set')
      })
    ])
    expect(main.stdout).toMatch(
      /^::warning title=Long-lived AWS access key in the job::A long-lived/m
    )
    expectNoLeaks(emu, main)
  })
})

describe('a failure: an error annotation titled with its problem, and a summary section', () => {
  const ctx = useEmulator()

  it('a trust mismatch', async () => {
    const { emu } = ctx
    const main = await newJob(emu, { github: { job: { environment: 'production' } } }).run('main', {
      ...STS_INPUTS,
      'mask-aws-account-id': 'true'
    })
    expectNothingExported(main)
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      /^::error title=Trust policy did not accept the token::keyless-aws failed: /m
    )
    // One error, not the message twice as setFailed would add.
    expect(main.log.annotations.filter((a) => a.level === 'error')).toHaveLength(1)
    const summary = main.summary
    expect(summary).not.toContain(ACCOUNT)
    expect(main.log.lines.join('\n')).not.toContain(ACCOUNT)
    expect(summary).toContain('<h3>keyless-aws failed: Trust policy did not accept the token</h3>')
    expect(summary).toContain(
      '<td>token sub</td><td><code>repo:octo-org/octo-repo:environment:production</code></td>'
    )
    expect(summary).toContain('<td>token aud</td><td><code>sts.amazonaws.com</code></td>')
    expect(summary).toContain('<td>error code</td><td><code>AccessDenied</code></td>')
    expect(summary).toMatch(
      /<td>what failed<\/td><td><code>sts:AssumeRoleWithWebIdentity on arn:aws:iam::\*\*\*:role\/deploy: AccessDenied: /
    )
    // The fix, with the statement that would accept this job, quoted as HTML.
    expect(summary).toContain(
      '&quot;token.actions.githubusercontent.com:sub&quot;: &quot;repo:octo-org/octo-repo:environment:production&quot;'
    )
    expect(summary).toContain(
      'Troubleshooting: &quot;Trust policy did not accept the token&quot; in docs/TROUBLESHOOTING.md'
    )
    expectNoLeaks(emu, main)
  })

  it('refused inputs: titled, and the summary hides the account, not knowing if it should', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', { ...STS_INPUTS, 'role-duration-seconds': '60' })
    expect(main.exitCode).toBe(1)
    expect(emu.log).toEqual([])
    expect(main.log.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'Invalid input' })
    ])
    expect(main.summary).toContain('<h3>keyless-aws failed: Invalid input</h3>')
    expect(main.summary).toContain('role-duration-seconds')
    expect(main.summary).not.toContain('<td>token ')
    expectNoLeaks(emu, main)
  })

  it('shows the account when mask-aws-account-id is off', async () => {
    const { emu } = ctx
    const main = await newJob(emu, { github: { job: { environment: 'production' } } }).run('main', {
      ...STS_INPUTS,
      'mask-aws-account-id': 'false'
    })
    expect(main.exitCode).toBe(1)
    expect(main.summary).toContain(`arn:aws:iam::${ACCOUNT}:role/deploy`)
    expectNoLeaks(emu, main)
  })
})
