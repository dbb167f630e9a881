import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const FIRST = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') }
const CHAINED = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('chained-target'),
  'role-chaining': 'true',
  'role-external-id': 'octo-external-id'
}

describe('role chaining: a signed AssumeRole from the credentials an earlier step exported', () => {
  const ctx = useEmulator()

  it('assumes the target with the earlier step’s credentials, no OIDC token, and post restores them', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    expect((await job.run('main', FIRST)).exitCode).toBe(0)
    const first = latestCredentials(emu)
    emu.resetLog()

    const main = await job.run('main', { ...CHAINED, 'role-duration-seconds': '900' })
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => `${r.service}:${r.action} signed=${r.signed}`)).toEqual([
      'sts:AssumeRole signed=true'
    ])
    const chained = latestCredentials(emu)
    expect(chained.roleArn).toBe(roleArn('chained-target'))
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(chained.accessKeyId)
    expect(main.outputs['authenticated-arn']).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/chained-target/`)
    )
    expectNoLeaks(emu, main)

    const post = await job.run('post')
    expect(post.exported.AWS_ACCESS_KEY_ID).toBe(first.accessKeyId)
    expectNoLeaks(emu, post)
  })

  it('a wrong external id: names what to check, exports nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    await job.run('main', FIRST)
    const before = { ...job.env }
    const main = await job.run('main', { ...CHAINED, 'role-external-id': 'not-the-one' })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Role chaining not allowed: sts:AssumeRole on arn:aws:iam::111122223333:role\/chained-target: AccessDenied/
    )
    expect(failure(main)).toContain('role-external-id matches what the target requires')
    expect(job.env.AWS_ACCESS_KEY_ID).toBe(before.AWS_ACCESS_KEY_ID)
    expectNoLeaks(emu, main)
  })

  it('no earlier credentials: fails before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', CHAINED)
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(/^keyless-aws failed: No credentials to chain from: /)
  })
})
