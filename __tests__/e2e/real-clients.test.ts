// What the bundled action exports, read by the clients users run after it: the AWS CLI v2 and
// v1, boto3 and the AWS SDK for JavaScript v3, each in its own process with the job's environment,
// each proving the credentials with a GetCallerIdentity the emulator verifies (SigV4 against the
// secret it issued). One describe per export mode; after post, none finds our credentials.
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import { REAL_CLIENTS } from '../../runner/real-clients.js'
import { arns, everyClient, everyOne } from './real-client-runs.js'
import { STS_INPUTS, expectNoLeaks, newJob, roleArn, sessionArn, useEmulator } from './fixture.js'

const ctx = useEmulator()

async function mainThenPost(job: Job, inputs: Record<string, string>, check: () => Promise<void>) {
  const { emu } = ctx
  const main = await job.run('main', inputs)
  expect(main.exitCode, main.stdout).toBe(0)
  expectNoLeaks(emu, main)
  await check()
  const post = await job.run('post')
  expect(post.exitCode).toBe(0)
  expectNoLeaks(emu, post)
}

/** After post, no client finds credentials of ours, with or without the profile. */
async function expectNoneFound(job: Job, profiles: string[]) {
  for (const profile of ['', ...profiles]) {
    const runs = await everyClient(ctx.emu, job, profile)
    expect(
      runs.filter((r) => r.exitCode === 0).map((r) => `${r.client} ${profile}: ${r.arn}`)
    ).toEqual([])
  }
}

// Each test starts the CLI and Python several times over (about a second each on an idle machine).
describe('real clients read what the action exports', { timeout: 120_000 }, () => {
  it('environment: both CLIs, boto3 and the JS SDK all sign as the role; after post none can', async () => {
    const job = newJob(ctx.emu)
    await mainThenPost(job, STS_INPUTS, async () => {
      expect(arns(await everyClient(ctx.emu, job))).toEqual(everyOne(sessionArn('deploy')))
    })
    await expectNoneFound(job, [])
  })

  it('aws-profile: every client finds the named profile; after post none can', async () => {
    const job = newJob(ctx.emu)
    await mainThenPost(job, { ...STS_INPUTS, 'aws-profile': 'deploy' }, async () => {
      expect(arns(await everyClient(ctx.emu, job, 'deploy'))).toEqual(
        everyOne(sessionArn('deploy'))
      )
    })
    await expectNoneFound(job, ['deploy'])
  })

  it('role-profiles: every client finds each role by its profile; after post none can', async () => {
    const job = newJob(ctx.emu)
    const inputs = {
      'aws-region': 'eu-west-1',
      'role-profiles': `build = ${roleArn('build-readonly')}\ndeploy = ${roleArn('deploy')}`
    }
    await mainThenPost(job, inputs, async () => {
      expect(arns(await everyClient(ctx.emu, job, 'build'))).toEqual(
        everyOne(sessionArn('build-readonly'))
      )
      expect(arns(await everyClient(ctx.emu, job, 'deploy'))).toEqual(
        everyOne(sessionArn('deploy'))
      )
    })
    await expectNoneFound(job, ['build', 'deploy'])
  })

  it('self-refreshing: every client runs the credential_process, which exchanges a new token', async () => {
    const job = newJob(ctx.emu)
    const inputs = { ...STS_INPUTS, 'aws-profile': 'deploy', 'self-refreshing': 'true' }
    await mainThenPost(job, inputs, async () => {
      const tokensBefore = ctx.emu.issued.idTokens.length
      expect(arns(await everyClient(ctx.emu, job, 'deploy'))).toEqual(
        everyOne(sessionArn('deploy'))
      )
      // One new GitHub token per client: each ran the credential process itself.
      expect(ctx.emu.issued.idTokens.length - tokensBefore).toBe(REAL_CLIENTS.length)
    })
    await expectNoneFound(job, ['deploy'])
  })
})
