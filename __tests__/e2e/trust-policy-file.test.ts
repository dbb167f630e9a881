// trust-policy-file: the bundled action decides the job's own token against the policy before any
// request to STS. A refusal fails at once, with the deciding statement and condition and no STS
// request; an accepted token goes on as usual, with the policy's weaknesses as warnings and a
// section of the job summary; a file that is not a policy is bad input, refused before any request.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  newJob,
  requestsTo,
  useEmulator
} from './fixture.js'

const K = 'token.actions.githubusercontent.com'
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${K}`
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'

const statement = (
  Sid: string,
  Effect: 'Allow' | 'Deny',
  Condition: Record<string, Record<string, string>>
) => ({
  Sid,
  Effect,
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition
})
const MAIN_ONLY = {
  Version: '2012-10-17',
  Statement: [
    statement('MainOnly', 'Allow', {
      StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com', [`${K}:sub`]: MAIN }
    })
  ]
}

/** The policy as a file in the job's workspace, where trust-policy-file finds it. */
function withPolicy(job: Job, policy: unknown, name = 'trust-policy.json'): Record<string, string> {
  writeFileSync(
    join(job.env.GITHUB_WORKSPACE, name),
    typeof policy === 'string' ? policy : JSON.stringify(policy)
  )
  return { 'trust-policy-file': name }
}

describe('trust-policy-file', () => {
  const holder = useEmulator()

  it('refuses the environment job against a main-only policy with no request to STS', async () => {
    const { emu } = holder
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    const step = await job.run('main', { ...STS_INPUTS, ...withPolicy(job, MAIN_ONLY) })
    expectNothingExported(step)
    expect(requestsTo(emu, 'sts')).toEqual([])
    expect(requestsTo(emu, 'github')).toHaveLength(1)
    const text = failure(step)
    expect(text).toContain(
      'Trust policy did not accept the token: sts:AssumeRoleWithWebIdentity on arn:aws:iam::111122223333:role/deploy: trust-policy-file '
    )
    expect(text).toContain('no request was sent to STS')
    expect(text).toContain(
      'Statement 0 (MainOnly), the Allow closest to accepting, requires what this token does not have:'
    )
    expect(text).toContain(
      `StringEquals ${K}:sub "${MAIN}": the token has "repo:octo-org/octo-repo:environment:production"`
    )
    expect(text).toContain(`${K}:sub = repo:octo-org/octo-repo:environment:production`)
    expectNoLeaks(emu, step)
  })

  it('names the Deny that refuses a pull_request job', async () => {
    const { emu } = holder
    const job = newJob(emu, {
      github: { job: { eventName: 'pull_request', ref: 'refs/pull/7/merge' } }
    })
    const policy = {
      Statement: [
        statement('Repository', 'Allow', {
          StringEquals: { [`${K}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${K}:sub`]: 'repo:octo-org/octo-repo:*' }
        }),
        statement('NoPullRequests', 'Deny', { StringLike: { [`${K}:sub`]: '*:pull_request' } })
      ]
    }
    const step = await job.run('main', { ...STS_INPUTS, ...withPolicy(job, policy) })
    expectNothingExported(step)
    expect(requestsTo(emu, 'sts')).toEqual([])
    expect(failure(step)).toContain(
      'Statement 1 (NoPullRequests), a Deny, applies to this token: each of its conditions holds.'
    )
    expect(failure(step)).toContain(
      `StringLike ${K}:sub "*:pull_request": the token has "repo:octo-org/octo-repo:pull_request"`
    )
    expectNoLeaks(emu, step)
  })

  it('lets an accepted token through as usual; the policy’s weaknesses become warnings and a summary section', async () => {
    const { emu } = holder
    const job = newJob(emu)
    // Accepts the job, but checks no aud: a warning, not a refusal.
    const policy = {
      Statement: [statement('AnyAudience', 'Allow', { StringEquals: { [`${K}:sub`]: MAIN } })]
    }
    const step = await job.run('main', { ...STS_INPUTS, ...withPolicy(job, policy) })
    expect(failure(step)).toBe('')
    expect(step.exitCode).toBe(0)
    expect(requestsTo(emu, 'sts')).toHaveLength(1)
    expect(requestsTo(emu, 'github')).toHaveLength(1)
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
    expect(step.log.warnings).toEqual([
      expect.stringContaining(`Statement 0 (AnyAudience) does not check ${K}:aud`)
    ])
    expect(step.log.lines.join('\n')).toContain('Statement 0 (AnyAudience) accepts this job')
    expect(step.summary).toContain('<h3>Trust policy check</h3>')
    expect(step.summary).toContain('<b>error aud-unchecked</b>')
    expectNoLeaks(emu, step)
  })

  it('checks the exchange role’s token on the Identity Center path too', async () => {
    const { emu } = holder
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    const step = await job.run('main', { ...IDENTITY_CENTER, ...withPolicy(job, MAIN_ONLY) })
    expectNothingExported(step)
    expect(requestsTo(emu, 'sts')).toEqual([])
    // Only the two GitHub tokens (STS's audience and the issuer's) were asked for.
    expect(emu.log.map((r) => r.service)).toEqual(['github', 'github'])
    expect(failure(step)).toContain('Statement 0 (MainOnly), the Allow closest to accepting')
    expectNoLeaks(emu, step)
  })

  it.each([
    ['a file that is not there', undefined, 'cannot be read (no such file)'],
    ['a file that is not JSON', 'Statement: []', 'is not JSON'],
    [
      'a document IAM would refuse',
      JSON.stringify({ Statement: { Effect: 'Permit' } }),
      'at $.Statement.Effect: is "Allow" or "Deny".'
    ]
  ])('%s: bad input, before any request', async (_, text, message) => {
    const { emu } = holder
    const job = newJob(emu)
    const inputs =
      text === undefined ? { 'trust-policy-file': 'missing.json' } : withPolicy(job, text)
    const step = await job.run('main', { ...STS_INPUTS, ...inputs })
    expectRefusedBeforeAnyRequest(emu, step)
    expect(failure(step)).toMatch(
      /^keyless-aws failed: Invalid input: 1 input\nInput trust-policy-file: /
    )
    expect(failure(step)).toContain(message)
  })
})
