// configure-aws-credentials' output-env-credentials: false with output-credentials: true: the
// credentials as step outputs for a later step to pass on, and the job's environment untouched.
import { describe, expect, it } from 'vitest'
import { findLateMasks } from '../../runner/leak-scan.js'
import {
  ACCOUNT,
  expectNoLeaks,
  latestCredentials,
  newJob,
  sessionArn,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const SECRET_OUTPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']

describe('output-env-credentials: false, on the bundled action', () => {
  const ctx = useEmulator()

  it('gives the credentials as masked step outputs and exports nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    // An earlier step's identity, which this step must leave in force.
    const earlier = { AWS_REGION: 'us-west-2', AWS_PROFILE: 'ci' }
    job.setEnv(earlier)
    const main = await job.run('main', {
      ...STS_INPUTS,
      'output-credentials': 'true',
      'output-env-credentials': 'false'
    })
    expect(main.stderr).toBe('')
    expect(main.exitCode).toBe(0)
    const issued = latestCredentials(emu)
    expect(main.files.env).toBe('')
    expect(main.outputs).toEqual({
      'aws-account-id': ACCOUNT,
      'authenticated-arn': sessionArn('deploy'),
      'aws-expiration': issued.expiration.toISOString(),
      'aws-access-key-id': issued.accessKeyId,
      'aws-secret-access-key': issued.secretAccessKey,
      'aws-session-token': issued.sessionToken
    })
    expect(main.log.masks).toEqual(
      expect.arrayContaining([issued.accessKeyId, issued.secretAccessKey, issued.sessionToken])
    )
    expect(findLateMasks(main)).toEqual([])
    expect(main.log.lines).toContain(
      'Exported nothing to the job’s environment (output-env-credentials: false).'
    )
    expectNoLeaks(emu, main, { secretOutputs: SECRET_OUTPUTS })

    // Nothing was exported, so post has nothing to restore and leaves the earlier values be.
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.files.env).toBe('')
    expect(post.log.lines).toContain('Nothing to clean up.')
    expect(job.env).toMatchObject(earlier)
    expect(job.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expectNoLeaks(emu, post)
  })

  it('refuses a value that is not a boolean, naming the input, before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...STS_INPUTS,
      'output-env-credentials': 'no'
    })
    expect(main.exitCode).not.toBe(0)
    expect(main.log.errors.join('\n')).toContain(
      'Input output-env-credentials: "no" is not a boolean; use true or false.'
    )
    expect(main.files.env).toBe('')
    expect(main.files.output).toBe('')
    expect(emu.log).toEqual([])
    expectNoLeaks(emu, main)
  })
})
