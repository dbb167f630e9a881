import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'
import {
  expectNoLeaks,
  latestCredentials,
  newJob,
  roleArn,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const EARLIER = {
  AWS_ACCESS_KEY_ID: 'ASIAEARLIERSTEPKEY01',
  AWS_SECRET_ACCESS_KEY: 'earlier/step/secret/key/0000000000000000',
  AWS_SESSION_TOKEN: 'earlier-step-session-token-0000000000000000000000',
  AWS_REGION: 'us-west-2',
  AWS_PROFILE: 'earlier-profile'
}

describe('post undoes exactly what main did', () => {
  const ctx = useEmulator()

  it('restores what an earlier step had set, and sets the rest as clients read unset', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    job.setEnv(EARLIER)
    job.masks.push(EARLIER.AWS_SECRET_ACCESS_KEY, EARLIER.AWS_SESSION_TOKEN)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
    expect(main.exitCode).toBe(0)
    // Left as it is: blank, it would break the CLI and boto3 (the profile holds the credentials).
    expect(main.exported.AWS_PROFILE).toBeUndefined()
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    // The earlier secrets are kept for post in a 0600 file, never in state (plain env in post).
    const earlierSecrets = [EARLIER.AWS_SECRET_ACCESS_KEY, EARLIER.AWS_SESSION_TOKEN]
    expectNoLeaks(emu, main, { moreSecrets: earlierSecrets })
    const previousFile = main.state[STATE_KEYS.previousValues]
    expect(statSync(previousFile).mode & 0o777).toBe(0o600)

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.exported).toEqual({
      AWS_ACCESS_KEY_ID: EARLIER.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: EARLIER.AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN: EARLIER.AWS_SESSION_TOKEN,
      AWS_REGION: EARLIER.AWS_REGION,
      AWS_SHARED_CREDENTIALS_FILE: join(job.env.HOME, '.aws', 'credentials'),
      AWS_CONFIG_FILE: join(job.env.HOME, '.aws', 'config')
    })
    expect(job.env).toMatchObject({ ...EARLIER, AWS_DEFAULT_REGION: 'eu-west-1' })
    expect(post.log.lines).toEqual(
      expect.arrayContaining([
        'Restored the earlier values of AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION.',
        'Pointed AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE back at ~/.aws, where clients look when unset.',
        'Left AWS_DEFAULT_REGION as set: not secret, and a blank region is an error.'
      ])
    )
    expect(existsSync(previousFile)).toBe(false)
    expectNoLeaks(emu, post)
  })

  it('a file of earlier values that is gone: the variables are set as if unset before, with a warning', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    job.setEnv(EARLIER)
    const main = await job.run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    rmSync(main.state[STATE_KEYS.previousValues])
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([
      expect.stringMatching(/^Post step could not clean up: the earlier values could not be read/)
    ])
    expect(post.exported.AWS_SECRET_ACCESS_KEY).toBe('')
    expect(post.exported.AWS_CONFIG_FILE).toBe(join(job.env.HOME, '.aws', 'config'))
    expect(job.env.AWS_REGION).toBe('eu-west-1')
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('leaves alone a variable a later step changed', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
    expectNoLeaks(emu, main)
    job.setEnv({ AWS_REGION: 'ap-south-1' })
    const post = await job.run('post')
    expectNoLeaks(emu, post)
    expect(post.exported.AWS_REGION).toBeUndefined()
    expect(post.exported.AWS_ACCESS_KEY_ID).toBe('')
    expect(post.log.lines).toContain(
      'AWS_REGION was changed after keyless-aws set it; left as it is.'
    )
  })

  it('unset-current-credentials blanks earlier credentials even when the exchange fails, and post restores them', async () => {
    const { emu } = ctx
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    job.setEnv(EARLIER)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy'),
      'unset-current-credentials': 'true'
    })
    expect(main.exitCode).toBe(1)
    expect(main.exported).toEqual({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: ''
    })
    const post = await job.run('post')
    expect(post.exported).toEqual({
      AWS_ACCESS_KEY_ID: EARLIER.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: EARLIER.AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN: EARLIER.AWS_SESSION_TOKEN
    })
    expectNoLeaks(emu, main)
    expectNoLeaks(emu, post)
  })

  it('two steps in one job: each post undoes its own step, in reverse order', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('build-readonly')
    })
    const firstKey = job.env.AWS_ACCESS_KEY_ID
    const second = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
    expect(second.exitCode).toBe(0)
    expectNoLeaks(emu, second)
    // The runner runs post steps in reverse order; the harness keeps the latest main's state.
    const post = await job.run('post')
    expect(post.exported.AWS_ACCESS_KEY_ID).toBe(firstKey)
    expectNoLeaks(emu, post)
  })

  it('three steps with a user step between them: each post, in reverse order, restores what the step before it had', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const variables = () => ({
      AWS_ACCESS_KEY_ID: job.env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: job.env.AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN: job.env.AWS_SESSION_TOKEN,
      AWS_REGION: job.env.AWS_REGION
    })
    const before = [variables()]
    const mains = []
    const steps = [
      ['build-readonly', 'eu-west-1'],
      ['deploy', 'eu-central-1'],
      ['build-readonly', 'us-east-1']
    ] as const
    for (const [role, region] of steps) {
      const main = await job.run('main', { 'aws-region': region, 'role-to-assume': roleArn(role) })
      expect(main.exitCode).toBe(0)
      expectNoLeaks(emu, main)
      mains.push(main)
      // A user step between the actions: it sets a variable of its own, which no post touches.
      job.setEnv({ USER_STEP: `after ${role}` })
      before.push(variables())
    }
    // The runner runs post entries in reverse order, each with its own main's state.
    for (const i of [2, 1, 0]) {
      const post = await job.run('post', {}, {}, mains[i])
      expect(post.exitCode).toBe(0)
      // A region no earlier step had set is left as this step set it: not secret, and a blank
      // region is an error to every client.
      expect(variables()).toEqual({
        ...Object.fromEntries(Object.entries(before[i]).map(([k, v]) => [k, v ?? ''])),
        AWS_REGION: before[i].AWS_REGION ?? steps[i][1]
      })
      expect(job.env.USER_STEP).toBe('after build-readonly')
      expectNoLeaks(emu, post)
    }
  })

  it.each([
    ['the Identity Center session', STATE_KEYS.identityCenterSession],
    ['the list of files', STATE_KEYS.writtenFiles]
  ])('one part that cannot be undone (%s) leaves the others done', async (_part, damaged) => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    const files = [main.exported.AWS_SHARED_CREDENTIALS_FILE, main.exported.AWS_CONFIG_FILE]
    const post = await job.run('post', {}, { [stateVariable(damaged)]: '{not json' })
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([expect.stringMatching(/^Post step could not clean up: /)])
    expect(post.exported.AWS_SHARED_CREDENTIALS_FILE).toBe(
      join(job.env.HOME, '.aws', 'credentials')
    )
    const deletedAll = files.every((f) => !existsSync(f))
    expect(deletedAll).toBe(damaged !== STATE_KEYS.writtenFiles)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('damaged or forged written-files state deletes nothing outside the action’s directory', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    const ours = [main.exported.AWS_SHARED_CREDENTIALS_FILE, main.exported.AWS_CONFIG_FILE]
    const workspace = job.env.GITHUB_WORKSPACE
    for (const name of ['a', 'b', 'c', 'src/keep.ts']) {
      mkdirSync(join(workspace, 'src'), { recursive: true })
      writeFileSync(join(workspace, name), 'user file')
    }
    const beside = join(job.env.RUNNER_TEMP, 'keyless-aws-other')
    writeFileSync(beside, 'another action’s file')
    const forged = [
      ...ours,
      join(workspace, 'src/keep.ts'),
      'a',
      join(job.env.RUNNER_TEMP, 'keyless-aws', '..', 'keyless-aws-other'),
      beside
    ]
    // Not a list at all: nothing is deleted, and post says why.
    const damaged = await job.run('post', {}, { [stateVariable(STATE_KEYS.writtenFiles)]: 'abc' })
    expect(damaged.exitCode).toBe(0)
    expect(damaged.log.warnings).toEqual([
      'Post step could not clean up: the saved state written-files is damaged'
    ])
    for (const file of [...ours, join(workspace, 'a'), join(workspace, 'b')])
      expect(existsSync(file), file).toBe(true)
    // A list with paths elsewhere: only the action's own files go.
    const post = await job.run(
      'post',
      {},
      { [stateVariable(STATE_KEYS.writtenFiles)]: JSON.stringify(forged) }
    )
    expect(post.exitCode).toBe(0)
    for (const file of ours) expect(existsSync(file), file).toBe(false)
    for (const file of ['a', 'b', 'c', 'src/keep.ts'].map((n) => join(workspace, n)))
      expect(existsSync(file), file).toBe(true)
    expect(existsSync(beside)).toBe(true)
    expect(post.log.warnings).toEqual([
      `Post step could not clean up: left ${forged.slice(2).join(', ')} alone: the action writes only under ${join(job.env.RUNNER_TEMP, 'keyless-aws')}`
    ])
    for (const step of [main, damaged, post]) expectNoLeaks(emu, step)
  })

  it('never fails the job, even when the saved state is damaged', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const post = await job.run('post', {}, { [stateVariable(STATE_KEYS.envChanges)]: '{not json' })
    expect(post.exitCode).toBe(0)
    expect(post.files.env).toBe('')
    expect(post.log.warnings[0]).toMatch(/^Post step could not clean up: /)
    expectNoLeaks(emu, post)
  })
})
