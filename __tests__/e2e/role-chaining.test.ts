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
  useEmulator,
  CHAINED,
  CHAIN_FROM
} from './fixture.js'

const FIRST = CHAIN_FROM

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

  // STS's answers about the request and the region, each with its title and advice, not "Unexpected".
  it.each([
    [
      'a session policy STS cannot read',
      { status: 400, code: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' },
      'STS rejected a parameter',
      'inline-session-policy must follow the IAM policy grammar'
    ],
    [
      'session policies over the packed limit',
      {
        status: 400,
        code: 'PackedPolicyTooLarge',
        message:
          'Packed policy consumes 112% of allotted space, please use smaller policy for this session'
      },
      'STS rejected a parameter',
      'or give fewer managed-session-policies'
    ],
    [
      'a region where STS is not activated',
      {
        status: 403,
        code: 'RegionDisabledException',
        message: `STS is not activated in this region for account:${ACCOUNT}. Your account administrator can activate STS in this region using the IAM Console.`
      },
      'STS not activated in the region',
      'STS is not activated in eu-west-1 for this account'
    ]
  ])('%s: its own title and advice, exports nothing', async (_name, answer, title, advice) => {
    const { emu } = ctx
    const job = newJob(emu, {
      faults: { 'sts:AssumeRole': { always: { kind: 'error', ...answer } } }
    })
    expect((await job.run('main', FIRST)).exitCode).toBe(0)
    const before = { ...job.env }
    const main = await job.run('main', {
      ...CHAINED,
      'inline-session-policy': '{"Version":"2012-10-17","Statement":[]}'
    })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      new RegExp(
        `^keyless-aws failed: ${title}: sts:AssumeRole on arn:aws:iam::${ACCOUNT}:role/chained-target: ${answer.code}: `
      )
    )
    expect(failure(main)).toContain(advice)
    expect(failure(main)).toContain(`Troubleshooting: "${title}"`)
    expect(job.env.AWS_ACCESS_KEY_ID).toBe(before.AWS_ACCESS_KEY_ID)
    expectNoLeaks(emu, main)
  })

  // Not on EC2 either (the default chain's last source): chain-sources.test.ts asks IMDS too.
  it('no earlier credentials: fails before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, { AWS_EC2_METADATA_DISABLED: 'true' }).run(
      'main',
      CHAINED
    )
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(/^keyless-aws failed: No credentials to chain from: /)
  })
})
