// Which identity a later step gets when it names no profile, as the four real clients find it
// (the AWS CLI v2 and v1, boto3 and the JS SDK v3, each verified by the emulator's SigV4 check):
// aws-profile changes none (#15 gap 7); an AWS_PROFILE set earlier does not split the clients
// (gap 8); and after post, the job is as the clients would find it had keyless-aws never run
// (gap 9): a self-hosted runner's own ~/.aws is read again, and no client trips on the region.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import { expectNoLeaks, newJob, roleArn, sessionArn, STS_INPUTS, useEmulator } from './fixture.js'
import { arns, everyClient, everyOne } from './real-client-runs.js'

const ctx = useEmulator()

/**
 * A self-hosted runner's own ~/.aws, with a profile that holds real credentials of build-readonly
 * (from the emulator, through another job), so that each client's use of it is verified too.
 */
async function runnersOwnProfile(job: Job, profile: string, config = ''): Promise<void> {
  const other = newJob(ctx.emu)
  const step = await other.run('main', {
    ...STS_INPUTS,
    'role-to-assume': roleArn('build-readonly')
  })
  expect(step.exitCode).toBe(0)
  const aws = join(job.env.HOME, '.aws')
  mkdirSync(aws)
  writeFileSync(
    join(aws, 'credentials'),
    [
      `[${profile}]`,
      `aws_access_key_id = ${other.env.AWS_ACCESS_KEY_ID}`,
      `aws_secret_access_key = ${other.env.AWS_SECRET_ACCESS_KEY}`,
      `aws_session_token = ${other.env.AWS_SESSION_TOKEN}`,
      ''
    ].join('\n')
  )
  if (config) writeFileSync(join(aws, 'config'), config)
}

const NO_CREDENTIALS = /Unable to locate credentials|Could not load credentials/

describe(
  'the identity of a step that names no profile, as every real client finds it',
  { timeout: 300_000 },
  () => {
    it('two aws-profile steps: a plain call runs as neither role, each profile as its own', async () => {
      const { emu } = ctx
      // A region in the job (the CLI v1 reads only the second), so that what the clients miss can
      // only be credentials.
      const job = newJob(emu, undefined, {
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1'
      })
      const build = await job.run('main', {
        ...STS_INPUTS,
        'role-to-assume': roleArn('build-readonly'),
        'aws-profile': 'build'
      })
      const deploy = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
      expect([build.exitCode, deploy.exitCode]).toEqual([0, 0])
      const plain = await everyClient(emu, job)
      expect(plain.filter((r) => r.exitCode === 0).map((r) => `${r.client}: ${r.arn}`)).toEqual([])
      for (const run of plain) expect(run.stderr, run.client).toMatch(NO_CREDENTIALS)
      expect(arns(await everyClient(emu, job, 'build'))).toEqual(
        everyOne(sessionArn('build-readonly'))
      )
      expect(arns(await everyClient(emu, job, 'deploy'))).toEqual(everyOne(sessionArn('deploy')))
      for (const step of [build, deploy]) expectNoLeaks(emu, step)
    })

    it('aws-profile-as-default: a plain call runs as that role; after post, as the runner’s own default again', async () => {
      const { emu } = ctx
      const job = newJob(emu)
      // After post the region variables keep eu-west-1 over the profile's: blank, they would win
      // over it too, and make the CLIs sign for region "" and the JS SDK refuse the call.
      await runnersOwnProfile(job, 'default', '[default]\nregion = us-east-2\n')
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('build-readonly')))
      const main = await job.run('main', {
        ...STS_INPUTS,
        'aws-profile': 'deploy',
        'aws-profile-as-default': 'true'
      })
      expect(main.exitCode).toBe(0)
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('deploy')))
      expect(arns(await everyClient(emu, job, 'deploy'))).toEqual(everyOne(sessionArn('deploy')))
      const post = await job.run('post')
      expect(post.exitCode).toBe(0)
      // Pointed back at ~/.aws, not blank (which hides it from the CLIs and boto3); region kept.
      expect(job.env).toMatchObject({
        AWS_CONFIG_FILE: join(job.env.HOME, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(job.env.HOME, '.aws', 'credentials'),
        AWS_REGION: 'eu-west-1'
      })
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('build-readonly')))
      const gone = await everyClient(emu, job, 'deploy')
      expect(gone.filter((r) => r.exitCode === 0).map((r) => r.client)).toEqual([])
      for (const step of [main, post]) expectNoLeaks(emu, step)
    })

    it('AWS_PROFILE from an earlier step: every client signs with the new credentials; after post, with that profile again', async () => {
      const { emu } = ctx
      const job = newJob(emu)
      const config = '[profile runner]\nregion = us-east-2\n'
      await runnersOwnProfile(job, 'runner', config)
      job.setEnv({ AWS_PROFILE: 'runner' })
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('build-readonly')))
      const main = await job.run('main', STS_INPUTS)
      expect(main.exitCode).toBe(0)
      expect(main.exported.AWS_PROFILE).toBeUndefined()
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('deploy')))
      const post = await job.run('post')
      expect(post.exitCode).toBe(0)
      expect(arns(await everyClient(emu, job))).toEqual(everyOne(sessionArn('build-readonly')))
      // The runner's files were read, never written.
      expect(readFileSync(join(job.env.HOME, '.aws', 'config'), 'utf8')).toBe(config)
      for (const step of [main, post]) expectNoLeaks(emu, step)
    })
  }
)
