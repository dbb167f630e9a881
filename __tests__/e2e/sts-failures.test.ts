import { describe, expect, it } from 'vitest'
import {
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  newJob,
  requestsTo,
  roleArn,
  useEmulator
} from './fixture.js'

const inputs = (role: string, more: Record<string, string> = {}) => ({
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn(role),
  ...more
})

describe('STS path failures: one attempt, a message that names the cause, nothing exported', () => {
  const ctx = useEmulator()

  it('trust mismatch on sub: an environment job against a branch-locked role', async () => {
    const { emu } = ctx
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    const main = await job.run('main', inputs('deploy'))
    expectNothingExported(main)
    expect(requestsTo(emu, 'github')).toHaveLength(1)
    expect(requestsTo(emu, 'sts')).toHaveLength(1)
    const text = failure(main)
    expect(text).toMatch(
      /^keyless-aws failed: Trust policy did not accept the token: sts:AssumeRoleWithWebIdentity on arn:aws:iam::111122223333:role\/deploy: AccessDenied/
    )
    expect(text).toContain(
      'token.actions.githubusercontent.com:sub = repo:octo-org/octo-repo:environment:production'
    )
    expect(text).toContain('token.actions.githubusercontent.com:aud = sts.amazonaws.com')
    expect(text).toContain('names the environment "production"')
    expect(text).toContain(
      '"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:environment:production"'
    )
    expectNoLeaks(emu, main)
  })

  it('trust mismatch on sub: the immutable sub form against a condition on the classic one', async () => {
    const { emu } = ctx
    const main = await newJob(emu, { github: { job: { subjectFormat: 'immutable' } } }).run(
      'main',
      inputs('deploy')
    )
    expectNothingExported(main)
    expect(failure(main)).toContain('immutable sub form')
    expect(failure(main)).toContain(
      '"token.actions.githubusercontent.com:sub": "repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main"'
    )
    expectNoLeaks(emu, main)
  })

  it('wrong audience: names the audience and how to register it on the OIDC provider', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run(
      'main',
      inputs('deploy', { audience: 'api.octo-org.example' })
    )
    expectNothingExported(main)
    expect(emu.log).toHaveLength(2)
    expect(failure(main)).toContain('InvalidIdentityToken')
    expect(failure(main)).toContain('does not list the audience "api.octo-org.example"')
    expect(failure(main)).toContain(
      'aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com --client-id api.octo-org.example'
    )
    expectNoLeaks(emu, main)
  })

  it('no OIDC provider in the account: says how to create it', async () => {
    const { emu } = ctx
    const job = newJob(emu, { aws: { accounts: { '111122223333': { oidcProviders: [] } } } })
    const main = await job.run('main', inputs('deploy'))
    expectNothingExported(main)
    expect(failure(main)).toContain(
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com'
    )
    expectNoLeaks(emu, main)
  })

  it('expired token: fetched again once, then reported with the clock hint', async () => {
    const { emu } = ctx
    const main = await newJob(emu, { github: { clockSkewSeconds: -400 } }).run(
      'main',
      inputs('deploy')
    )
    expectNothingExported(main)
    expect(emu.log.map((r) => r.action)).toEqual([
      'GetIdToken',
      'AssumeRoleWithWebIdentity',
      'GetIdToken',
      'AssumeRoleWithWebIdentity'
    ])
    expect(failure(main)).toContain('ExpiredTokenException')
    expect(failure(main)).toContain("check the runner's clock")
    expectNoLeaks(emu, main)
  })

  it('forged token: signature checked against the JWKS', async () => {
    const { emu } = ctx
    const main = await newJob(emu, { github: { signingKey: 'rogue' } }).run(
      'main',
      inputs('deploy')
    )
    expectNothingExported(main)
    expect(emu.log).toHaveLength(2)
    expect(failure(main)).toContain('could not verify the token against the keys')
    expectNoLeaks(emu, main)
  })

  it('missing permissions id-token: write: fails before any request', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, {
      ACTIONS_ID_TOKEN_REQUEST_URL: '',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: ''
    })
    const main = await job.run('main', inputs('deploy'))
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(/^keyless-aws failed: No permission to request an OIDC token: /)
    expect(failure(main)).toContain('    id-token: write')
    expect(failure(main)).toContain('Dependabot')
  })

  it('duration above the role maximum: names role-duration-seconds', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run(
      'main',
      inputs('deploy', { 'role-duration-seconds': '7200' })
    )
    expectNothingExported(main)
    expect(failure(main)).toContain(
      'Input role-duration-seconds is longer than the role’s maximum session duration'
    )
    expectNoLeaks(emu, main)
  })

  it('post after a failed main changes nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    await job.run('main', inputs('deploy'))
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.files.env).toBe('')
    expect(post.log.lines).toContain('Nothing to clean up.')
    expectNoLeaks(emu, post)
  })
})
