import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import { STATE_KEYS } from '../../src/state/keys.js'
import {
  ACCOUNT,
  consume,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  roleArn,
  sessionArn,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const actionDir = (job: Job) => join(job.env.RUNNER_TEMP, 'keyless-aws')
const filesLeft = (job: Job) => (existsSync(actionDir(job)) ? readdirSync(actionDir(job)) : [])

describe('aws-profile: credentials as a named profile', () => {
  const ctx = useEmulator()

  it('writes 0600 files under RUNNER_TEMP that the SDK reads, changes no default, and post leaves nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    // As configure-aws-credentials: no credential variables, no AWS_PROFILE, no region.
    expect(Object.keys(main.exported).sort()).toEqual([
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE'
    ])
    for (const file of [main.exported.AWS_SHARED_CREDENTIALS_FILE, main.exported.AWS_CONFIG_FILE]) {
      expect(file.startsWith(actionDir(job))).toBe(true)
      expect(lstatSync(file).isFile()).toBe(true)
      expect(lstatSync(file).mode & 0o777).toBe(0o600)
    }
    expect(lstatSync(actionDir(job)).mode & 0o777).toBe(0o700)
    // The leak scan reads every file the step wrote; these two are declared for post to delete.
    expect(Object.keys(main.filesWritten).sort()).toEqual(
      [main.exported.AWS_SHARED_CREDENTIALS_FILE, main.exported.AWS_CONFIG_FILE].sort()
    )
    expect(readFileSync(main.exported.AWS_CONFIG_FILE, 'utf8')).toBe(
      '[profile deploy]\nregion = eu-west-1\n'
    )

    const byName = await consume(emu, job, 'ini', 'deploy')
    expect(byName.exitCode, byName.stderr).toBe(0)
    expect(byName.arn).toBe(sessionArn('deploy'))
    const byDefault = await consume(emu, job, 'chain')
    expect(byDefault.exitCode).not.toBe(0)
    expect(byDefault.stderr).toContain('Could not load credentials from any providers')

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(filesLeft(job)).toEqual([])
    // A variable cannot be unset: post points both back at the files clients read when unset.
    expect(post.exported).toEqual({
      AWS_SHARED_CREDENTIALS_FILE: join(job.env.HOME, '.aws', 'credentials'),
      AWS_CONFIG_FILE: join(job.env.HOME, '.aws', 'config')
    })
    expect((await consume(emu, job, 'ini', 'deploy')).exitCode).not.toBe(0)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('two steps, two profiles: one job with two roles; each post removes its own files', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const build = await job.run('main', {
      ...STS_INPUTS,
      'role-to-assume': roleArn('build-readonly'),
      'aws-profile': 'build'
    })
    const deploy = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect([build.exitCode, deploy.exitCode]).toEqual([0, 0])
    expect(deploy.exported.AWS_SHARED_CREDENTIALS_FILE).not.toBe(
      build.exported.AWS_SHARED_CREDENTIALS_FILE
    )
    expect((await consume(emu, job, 'ini', 'build')).arn).toBe(sessionArn('build-readonly'))
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    // Neither step made its role the default: a step that names no profile gets neither.
    expect((await consume(emu, job, 'chain')).exitCode).not.toBe(0)

    const fileNames = (step: typeof build) =>
      [step.exported.AWS_SHARED_CREDENTIALS_FILE, step.exported.AWS_CONFIG_FILE].map((f) =>
        basename(f)
      )
    // The second step also keeps, for its post, the first step's file variables it replaced.
    const deployPrevious = basename(deploy.state[STATE_KEYS.previousValues])
    expect(filesLeft(job).sort()).toEqual(
      [...fileNames(build), ...fileNames(deploy), deployPrevious].sort()
    )

    // The runner runs post steps in reverse order.
    const deployPost = await job.run('post', {}, {}, deploy)
    expect(deployPost.exitCode).toBe(0)
    expect(filesLeft(job).sort()).toEqual(fileNames(build).sort())
    expect(deployPost.exported.AWS_SHARED_CREDENTIALS_FILE).toBe(
      build.exported.AWS_SHARED_CREDENTIALS_FILE
    )
    expect((await consume(emu, job, 'ini', 'build')).arn).toBe(sessionArn('build-readonly'))
    expect((await consume(emu, job, 'ini', 'deploy')).exitCode).not.toBe(0)
    const buildPost = await job.run('post', {}, {}, build)
    expect(buildPost.exitCode).toBe(0)
    expect(filesLeft(job)).toEqual([])
    expect(job.env.AWS_SHARED_CREDENTIALS_FILE).toBe(join(job.env.HOME, '.aws', 'credentials'))
    for (const step of [build, deploy, deployPost, buildPost]) expectNoLeaks(emu, step)
  })

  it('keeps the profiles of ~/.aws a self-hosted runner has, and never changes those files', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const aws = join(job.env.HOME, '.aws')
    mkdirSync(aws)
    const own = { config: '[profile admin]\nsso_session = corp\nregion = us-east-2\n' }
    writeFileSync(join(aws, 'config'), own.config)
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    const written = readFileSync(main.exported.AWS_CONFIG_FILE, 'utf8')
    expect(written).toContain('[profile admin]\nsso_session = corp\nregion = us-east-2\n')
    expect(written).toContain('[profile deploy]\nregion = eu-west-1\n')
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    const post = await job.run('post')
    expect(readFileSync(join(aws, 'config'), 'utf8')).toBe(own.config)
    expect(readdirSync(aws)).toEqual(['config'])
    expect(filesLeft(job)).toEqual([])
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('credential variables an earlier step exported stay in force: aws-profile changes no default', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const earlier = await job.run('main', {
      ...STS_INPUTS,
      'role-to-assume': roleArn('build-readonly')
    })
    const earlierKey = job.env.AWS_ACCESS_KEY_ID
    expect(earlierKey).toMatch(/^ASIA/)
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    expect(job.env.AWS_ACCESS_KEY_ID).toBe(earlierKey)
    expect((await consume(emu, job, 'chain')).arn).toBe(sessionArn('build-readonly'))
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    for (const step of [earlier, main]) expectNoLeaks(emu, step)
  })

  it('aws-profile-as-default: the profile is also the default one, and earlier credential variables are blanked', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const earlier = await job.run('main', {
      ...STS_INPUTS,
      'role-to-assume': roleArn('build-readonly')
    })
    expect(job.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      'aws-profile-as-default': 'true'
    })
    expect(main.exitCode).toBe(0)
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      expect(main.exported[name]).toBe('')
    expect(main.exported).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1'
    })
    // AWS_PROFILE is never set (post could not unset it): the default profile holds the role.
    expect(main.exported.AWS_PROFILE).toBeUndefined()
    expect(readFileSync(main.exported.AWS_CONFIG_FILE, 'utf8')).toBe(
      '[profile deploy]\nregion = eu-west-1\n\n[default]\nregion = eu-west-1\n'
    )
    expect((await consume(emu, job, 'chain')).arn).toBe(sessionArn('deploy'))
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect((await consume(emu, job, 'chain')).arn).toBe(sessionArn('build-readonly'))
    for (const step of [earlier, main, post]) expectNoLeaks(emu, step)
  })

  it('overwrite-aws-profile: a profile already in force stops the step before any request, unless it is true', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const first = await job.run('main', {
      ...STS_INPUTS,
      'role-to-assume': roleArn('build-readonly'),
      'aws-profile': 'deploy'
    })
    expect(first.exitCode).toBe(0)
    emu.resetLog()
    const refused = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expectNothingExported(refused)
    expect(emu.log).toEqual([])
    expect(failure(refused)).toContain(
      `keyless-aws failed: AWS profile already exists: aws-profile deploy: ${first.exported.AWS_SHARED_CREDENTIALS_FILE} already has a profile of that name`
    )
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('build-readonly'))

    const replaced = await job.run('main', {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      'overwrite-aws-profile': 'true'
    })
    expect(replaced.exitCode, failure(replaced)).toBe(0)
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    // Replaced in new files only: after this step's post, the first step's profile is back.
    const post = await job.run('post', {}, {}, replaced)
    expect(post.exitCode).toBe(0)
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('build-readonly'))
    for (const step of [first, refused, replaced, post]) expectNoLeaks(emu, step)
  })

  it('output-env-credentials: true with aws-profile exports the variables too, and still not AWS_PROFILE', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      'output-env-credentials': 'true'
    })
    expect(main.exitCode).toBe(0)
    expect(Object.keys(main.exported).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_CONFIG_FILE',
      'AWS_DEFAULT_REGION',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SHARED_CREDENTIALS_FILE'
    ])
    expect((await consume(emu, job, 'chain')).arn).toBe(sessionArn('deploy'))
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('a link planted at RUNNER_TEMP/keyless-aws: refused, nothing written through it or exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const elsewhere = join(job.dir, 'elsewhere')
    mkdirSync(elsewhere, { mode: 0o700 })
    symlinkSync(elsewhere, actionDir(job))
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expectNothingExported(main)
    expect(failure(main)).toContain('keyless-aws is a symbolic link')
    expect(readdirSync(elsewhere)).toEqual([])
    expectNoLeaks(emu, main)
  })

  it('allowed-account-ids mismatch: no profile file written, nothing exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      'allowed-account-ids': '444455556666'
    })
    expectNothingExported(main)
    expect(failure(main)).toMatch(/^keyless-aws failed: Account not allowed/)
    expect(filesLeft(job)).toEqual([])
    expectNoLeaks(emu, main)
  })
})

describe('role-profiles: several roles in one step', () => {
  const ctx = useEmulator()

  it('assumes every role from one token, side by side, and writes each as a profile (debug mode)', async () => {
    const { emu } = ctx
    // Each STS answer takes 300 ms, so calls made one after another could not overlap.
    const job = newJob(
      emu,
      { faults: { 'sts:AssumeRoleWithWebIdentity': { latencyMs: 300 } } },
      { RUNNER_DEBUG: '1' }
    )
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-profiles': `# one per line\nbuild = ${roleArn('build-readonly')}\n\ndeploy=${roleArn('deploy')}\nreports = ${roleArn('build-readonly')}`
    })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(emu.log.filter((r) => r.service === 'github')).toHaveLength(1)
    const sts = emu.log.filter((r) => r.action === 'AssumeRoleWithWebIdentity')
    expect(sts).toHaveLength(3)
    const lastStart = Math.max(...sts.map((r) => r.startedAt))
    const firstEnd = Math.min(...sts.map((r) => r.endedAt))
    expect(lastStart).toBeLessThan(firstEnd)
    expect(main.exported.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(main.exported.AWS_PROFILE).toBeUndefined()
    expect(main.outputs['aws-account-id']).toBe(ACCOUNT)
    for (const [profile, role] of [
      ['build', 'build-readonly'],
      ['deploy', 'deploy'],
      ['reports', 'build-readonly']
    ])
      expect(main.summary).toContain(
        `<td>profile ${profile}</td><td><code>${sessionArn(role)}</code></td>`
      )
    expect((await consume(emu, job, 'ini', 'build')).arn).toBe(sessionArn('build-readonly'))
    expect((await consume(emu, job, 'ini', 'deploy')).arn).toBe(sessionArn('deploy'))
    expect((await consume(emu, job, 'ini', 'reports')).arn).toBe(sessionArn('build-readonly'))
    const post = await job.run('post')
    expect(filesLeft(job)).toEqual([])
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('one role refused: the step fails naming it, and nothing is written or exported', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-profiles': `build = ${roleArn('build-readonly')}\nprod = ${roleArn('prod-deploy')}`
    })
    expectNothingExported(main)
    expect(failure(main)).toContain(`sts:AssumeRoleWithWebIdentity on ${roleArn('prod-deploy')}`)
    expect(filesLeft(job)).toEqual([])
    expectNoLeaks(emu, main)
  })
})

describe('self-refreshing: a credential_process that exchanges a fresh token', () => {
  const ctx = useEmulator()

  it('the SDK gets new credentials from a new token each time it asks; post removes the profile', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'role-duration-seconds': '900',
      'aws-profile': 'deploy',
      'self-refreshing': 'true'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    const config = readFileSync(main.exported.AWS_CONFIG_FILE, 'utf8')
    // Self-refreshing makes its profile the default one too (aws-profile-as-default).
    const command =
      "credential_process = '[^']+node[^']*' '[^']+/dist/credential-process\\.js' '[^']+/keyless-aws/refresh-[0-9a-f]+'"
    expect(config).toMatch(
      new RegExp(
        `^\\[profile deploy\\]\nregion = eu-west-1\n${command}\n\n\\[default\\]\nregion = eu-west-1\n${command}\n$`
      )
    )
    // No static keys for either profile: they would win over the process.
    const credentials = readFileSync(main.exported.AWS_SHARED_CREDENTIALS_FILE, 'utf8')
    expect(credentials).not.toContain('[deploy]')
    expect(credentials).not.toContain('[default]')
    const issuedByMain = emu.issued.credentials.length

    emu.resetLog()
    const first = await consume(emu, job, 'process', 'deploy')
    expect(first.exitCode, first.stderr).toBe(0)
    expect(first.arn).toBe(sessionArn('deploy'))
    const second = await consume(emu, job, 'chain')
    expect(second.arn).toBe(sessionArn('deploy'))
    // Each call: a new GitHub token, a new exchange (then the consumer's GetCallerIdentity).
    expect(emu.log.map((r) => r.action)).toEqual([
      'GetIdToken',
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity',
      'GetIdToken',
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity'
    ])
    expect(emu.issued.credentials.length).toBe(issuedByMain + 2)
    const last = emu.issued.credentials.at(-1)
    const secondsLeft = last ? (last.expiration.getTime() - Date.now()) / 1000 : 0
    expect(secondsLeft).toBeGreaterThan(800)
    expect(secondsLeft).toBeLessThanOrEqual(900)

    const post = await job.run('post')
    expect(filesLeft(job)).toEqual([])
    expect((await consume(emu, job, 'process', 'deploy')).exitCode).not.toBe(0)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('a failing exchange: the SDK reports the problem title, and nothing secret is printed', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-profiles': `deploy = ${roleArn('deploy')}`,
      'self-refreshing': 'true'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    // The job's token now carries a sub the role does not trust (another environment).
    emu.setScenario({ github: { job: { environment: 'production' } } })
    const result = await consume(emu, job, 'process', 'deploy')
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr).toContain(
      'keyless-aws failed: Trust policy did not accept the token: sts:AssumeRoleWithWebIdentity on'
    )
    expect(emu.issued.idTokens.length).toBeGreaterThan(1)
    expectNoLeaks(emu, main)
  })
})
