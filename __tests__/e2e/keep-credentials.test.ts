// Post asked to keep the credentials, for an action set up earlier whose post step runs after
// ours: cleanup-credentials: false, or the incumbent's AWS_SKIP_CLEANUP_STEP. The bundled steps.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { STATE_KEYS } from '../../src/state/keys.js'
import {
  expectNoLeaks,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const EARLIER = { AWS_ACCESS_KEY_ID: 'ASIAEARLIERSTEPKEY01', AWS_REGION: 'us-west-2' }

describe('keeping the credentials after post', () => {
  const ctx = useEmulator()

  it.each([
    ['AWS_SKIP_CLEANUP_STEP=true', { AWS_SKIP_CLEANUP_STEP: 'true' }, {}],
    [
      'AWS_SKIP_CLEANUP_STEP=TRUE, read as the incumbent’s post-if reads it',
      { AWS_SKIP_CLEANUP_STEP: 'TRUE' },
      {}
    ],
    ['cleanup-credentials: false', {}, { 'cleanup-credentials': 'false' }]
  ])('%s: post leaves the variables as main set them', async (_name, jobEnv, inputs) => {
    const { emu } = ctx
    const job = newJob(emu, undefined, jobEnv)
    job.setEnv(EARLIER)
    const main = await job.run('main', { ...STS_INPUTS, ...inputs })
    expect(main.exitCode).toBe(0)
    const previousFile = main.state[STATE_KEYS.previousValues]
    expect(existsSync(previousFile)).toBe(true)

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.files.env).toBe('')
    expect(job.env.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expect(post.log.lines.join('\n')).toMatch(
      /^Clean-up skipped \(.+\): kept for the rest of the job: AWS_ACCESS_KEY_ID, /m
    )
    // Only the earlier step's values, which nothing but post reads, are gone.
    expect(existsSync(previousFile)).toBe(false)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('a profile’s files stay too', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, { AWS_SKIP_CLEANUP_STEP: 'true' })
    const main = await job.run('main', { ...STS_INPUTS, 'aws-profile': 'deploy' })
    expect(main.exitCode).toBe(0)
    const credentialsFile = main.exported.AWS_SHARED_CREDENTIALS_FILE
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.files.env).toBe('')
    expect(existsSync(credentialsFile)).toBe(true)
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('any other AWS_SKIP_CLEANUP_STEP value cleans up, as with the incumbent', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, { AWS_SKIP_CLEANUP_STEP: 'yes' })
    job.setEnv(EARLIER)
    expect((await job.run('main', STS_INPUTS)).exitCode).toBe(0)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.exported).toMatchObject(EARLIER)
    expectNoLeaks(emu, post)
  })

  it('a cleanup-credentials that is not a boolean is refused in main', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', { ...STS_INPUTS, 'cleanup-credentials': 'keep' })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toContain(
      'Input cleanup-credentials: "keep" is not a boolean; use true or false.'
    )
  })
})
