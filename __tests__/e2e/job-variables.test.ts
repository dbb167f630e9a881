// Job environment variables standing in for inputs, as configure-aws-credentials reads them
// (AWS_REGION for aws-region, ROLE_TO_ASSUME for role-to-assume, …): a workflow that configures
// the action that way migrates unchanged. The bundled step against the emulator.
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  expectNoLeaks,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  sessionArn,
  useEmulator
} from './fixture.js'

const JOB_ENV = { AWS_REGION: 'eu-west-1', ROLE_TO_ASSUME: roleArn('deploy') }

describe('inputs given as job environment variables', () => {
  const ctx = useEmulator()

  it('a job with env AWS_REGION and ROLE_TO_ASSUME and no inputs gets the role’s credentials', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, JOB_ENV).run('main', {})
    expect(main.exitCode).toBe(0)
    const issued = latestCredentials(emu)
    expect(main.exported).toMatchObject({
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_REGION: 'eu-west-1'
    })
    expect(main.outputs['authenticated-arn']).toBe(sessionArn('deploy'))
    expectNoLeaks(emu, main)
  })

  it('an input given in the step wins over its variable', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, {
      AWS_REGION: 'us-east-2',
      ROLE_TO_ASSUME: roleArn('no-such-role'),
      ROLE_SESSION_NAME: 'from-variable'
    })
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
    expect(main.exitCode).toBe(0)
    expect(main.exported).toMatchObject({ AWS_REGION: 'eu-west-1' })
    // ROLE_SESSION_NAME still fills role-session-name, which the step left empty.
    expect(main.outputs['authenticated-arn']).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/from-variable`
    )
    expectNoLeaks(emu, main)
  })

  it('translate-env-variables: false reads no variable', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, JOB_ENV).run('main', {
      'translate-env-variables': 'false'
    })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toContain('Input aws-region is required')
    expect(failure(main)).toContain('Input role-to-assume is required')
  })
})
