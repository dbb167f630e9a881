import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'
import {
  expectNoLeaks,
  expectNothingExported,
  failure,
  IDENTITY_CENTER,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const APP = IDENTITY_CENTER['identity-center-application-arn']
const app = (emu: Emulator) => emu.scenario.identityCenter.applications[APP]
const steps = (emu: Emulator) => emu.log.map((r) => `${r.service}:${r.action} ${r.status}`)

describe('IAM Identity Center exchange, bundled action against the emulator', () => {
  const ctx = useEmulator()

  it('exports the permission set’s credentials, in order, and post signs the session out', async () => {
    const { emu } = ctx
    // Each token request is held 200 ms, so requests sent together overlap and requests sent one
    // after the other cannot: the log then shows which it was, whatever the machine's speed.
    const job = newJob(emu, { faults: { 'github:GetIdToken': { latencyMs: 200 } } })
    const main = await job.run('main', IDENTITY_CENTER)
    expect(main.stderr).toBe('')
    expect(main.exitCode).toBe(0)
    expect(steps(emu)).toEqual([
      'github:GetIdToken 200',
      'github:GetIdToken 200',
      'sts:AssumeRoleWithWebIdentity 200',
      'sso-oidc:CreateTokenWithIAM 200',
      'sso:GetRoleCredentials 200'
    ])
    const [first, second, sts, createToken, roleCredentials] = emu.log
    // The two token requests overlapped; each AWS call started after the one before had ended.
    expect(second.startedAt).toBeLessThan(first.endedAt)
    expect(sts.startedAt).toBeGreaterThanOrEqual(Math.max(first.endedAt, second.endedAt))
    expect(createToken.startedAt).toBeGreaterThanOrEqual(sts.endedAt)
    expect(roleCredentials.startedAt).toBeGreaterThanOrEqual(createToken.endedAt)
    expect([sts.signed, createToken.signed, roleCredentials.signed]).toEqual([false, true, false])

    const exchangeRole = emu.issued.credentials.find(
      (c) => c.roleArn === roleArn('identity-center-exchange')
    )!
    const permissionSet = latestCredentials(emu)
    expect(permissionSet.assumedRoleArn).toMatch(
      /^arn:aws:sts::444455556666:assumed-role\/AWSReservedSSO_DeployAccess_[0-9a-f]{16}\//
    )
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(permissionSet.accessKeyId)
    expect(Object.values(main.exported)).not.toContain(exchangeRole.accessKeyId)
    expect(main.outputs['aws-account-id']).toBe('444455556666')
    expect(main.outputs['authenticated-arn']).toBeUndefined()
    expect(main.summary).toContain('<td>exchange</td><td><code>IAM Identity Center</code></td>')
    expect(main.summary).toContain(
      '<code>permission set DeployAccess in account 444455556666</code>'
    )
    expect(main.log.masks).toEqual(
      expect.arrayContaining(emu.issued.identityCenterTokens.flatMap((t) => [t.accessToken]))
    )
    expect(main.files.state).not.toContain(emu.issued.identityCenterTokens[0].accessToken)
    expectNoLeaks(emu, main)

    const tokenDir = join(job.env.RUNNER_TEMP, 'keyless-aws')
    expect(readdirSync(tokenDir)).toHaveLength(1)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.lines).toContain('Signed out of the Identity Center session.')
    expect(steps(emu).slice(-1)).toEqual(['sso:Logout 200'])
    expect(readdirSync(tokenDir)).toHaveLength(0)
    // The signed-out token no longer opens anything.
    const reuse = await fetch(
      `${emu.env.AWS_ENDPOINT_URL_SSO}/federation/credentials?role_name=DeployAccess&account_id=444455556666`,
      {
        headers: { 'x-amz-sso_bearer_token': emu.issued.identityCenterTokens.at(-1)!.accessToken }
      }
    )
    expect(reuse.status).toBe(401)
    expect(post.exported.AWS_ACCESS_KEY_ID).toBe('')
    expectNoLeaks(emu, post)
  })

  it('post warns, never fails, when the sign-out is refused', async () => {
    const { emu } = ctx
    const job = newJob(emu, {
      faults: { 'sso:Logout': { always: { kind: 'error', status: 500 } } }
    })
    expect((await job.run('main', IDENTITY_CENTER)).exitCode).toBe(0)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings[0]).toMatch(
      /^Post step could not clean up: the Identity Center sign-out answered HTTP 500/
    )
    expect(post.exported.AWS_SESSION_TOKEN).toBe('')
    expect(
      existsSync(join(job.env.RUNNER_TEMP, 'keyless-aws')) &&
        readdirSync(join(job.env.RUNNER_TEMP, 'keyless-aws'))
    ).toEqual([])
    expectNoLeaks(emu, post)
  })

  it('a dripping sign-out: post restores and deletes first, and ends within the 5 s sign-out deadline', async () => {
    const { emu } = ctx
    // Logout's answer has no body: the drip sends one of its own.
    const drip = { kind: 'drip', body: ' '.repeat(60) } as const
    const job = newJob(emu, { faults: { 'sso:Logout': { always: drip } } })
    expect((await job.run('main', IDENTITY_CENTER)).exitCode).toBe(0)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([
      'Post step could not clean up: the Identity Center sign-out failed (no complete answer within 5 s); the session ends when its token expires.'
    ])
    // Cleaned up before the sign-out was sent, not after it gave up.
    const cleared = post.log.lines.findIndex((l) => l.startsWith('Cleared '))
    const deleted = post.log.lines.findIndex((l) => l.startsWith('Deleted '))
    const warned = post.log.lines.findIndex((l) => l.includes('sign-out failed'))
    expect(cleared).toBeGreaterThanOrEqual(0)
    expect(deleted).toBeGreaterThan(cleared)
    expect(warned).toBeGreaterThan(deleted)
    expect(post.exported.AWS_SESSION_TOKEN).toBe('')
    expect(readdirSync(join(job.env.RUNNER_TEMP, 'keyless-aws'))).toEqual([])
    expect(steps(emu).at(-1)).toBe('sso:Logout 200')
    expect(emu.log.at(-1)?.fault).toBe('drip')
    expectNoLeaks(emu, post)
  })

  it('a link planted where the session token would go: nothing exported, nothing written', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const elsewhere = join(job.dir, 'elsewhere')
    mkdirSync(elsewhere, { mode: 0o700 })
    symlinkSync(elsewhere, join(job.env.RUNNER_TEMP, 'keyless-aws'))
    const main = await job.run('main', IDENTITY_CENTER)
    expectNothingExported(main)
    expect(failure(main)).toContain('keyless-aws is a symbolic link')
    expect(readdirSync(elsewhere)).toEqual([])
    // Refused before the STS hop (the session's records come first): no role is assumed and no
    // session is opened at all; only the two tokens, asked for at the start, were fetched.
    expect(steps(emu)).toEqual(['github:GetIdToken 200', 'github:GetIdToken 200'])
    expectNoLeaks(emu, main)
  })

  it('a step that fails after the exchange: post still signs the session out', async () => {
    const { emu } = ctx
    const job = newJob(emu, {
      faults: {
        'sts:GetWebIdentityToken': { always: { kind: 'error', status: 403, code: 'AccessDenied' } }
      }
    })
    const main = await job.run('main', {
      ...IDENTITY_CENTER,
      'web-identity-token-audience': 'https://api.vendor.example'
    })
    expect(main.exitCode).not.toBe(0)
    expect([main.files.env, main.files.output]).toEqual(['', ''])
    // All the state holds is the session, for post, and its token file among the written files
    // (after the directory it is in).
    expect(Object.keys(main.state)).toEqual([
      STATE_KEYS.ownDirectory,
      STATE_KEYS.writtenFiles,
      STATE_KEYS.identityCenterSession
    ])
    expect(steps(emu).filter((s) => s.startsWith('sso:Logout'))).toEqual([])
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.lines).toContain('Signed out of the Identity Center session.')
    expect(steps(emu).at(-1)).toBe('sso:Logout 200')
    expect(readdirSync(join(job.env.RUNNER_TEMP, 'keyless-aws'))).toEqual([])
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('a damaged session state: post warns, and still deletes the session token file', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', IDENTITY_CENTER)
    expect(main.exitCode).toBe(0)
    const tokenDir = join(job.env.RUNNER_TEMP, 'keyless-aws')
    const [tokenFile] = readdirSync(tokenDir)
    expect(tokenFile).toMatch(/^identity-center-token-/)
    const post = await job.run(
      'post',
      {},
      { [stateVariable(STATE_KEYS.identityCenterSession)]: '{"portalUrl":' }
    )
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([
      `Post step could not clean up: the saved state ${STATE_KEYS.identityCenterSession} is damaged`
    ])
    // Unreadable, the session is not signed out (it ends when its token expires); its token goes.
    expect(steps(emu).filter((s) => s.startsWith('sso:Logout'))).toEqual([])
    expect(post.log.lines).toContain(`Deleted ${join(tokenDir, tokenFile)}.`)
    expect(readdirSync(tokenDir)).toEqual([])
    expect(post.exported.AWS_SESSION_TOKEN).toBe('')
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })
})

describe('IAM Identity Center failures: one attempt, the fix named, nothing exported', () => {
  const ctx = useEmulator()

  const cases: [string, (emu: Emulator) => void, Record<string, string>, RegExp, string][] = [
    // CreateTokenWithIAM is sent while the STS hop is in flight, waiting for its credentials: a
    // refused hop must be what the step reports, and the request must never leave.
    [
      'the exchange role’s trust refuses the job',
      (emu) => emu.setScenario({ github: { job: { environment: 'production' } } }),
      {},
      /^keyless-aws failed: Trust policy did not accept the token: /,
      'environment:production'
    ],
    [
      'wrong audience on the trusted token issuer grant',
      () => {},
      { 'identity-center-audience': 'other.octo-org.example' },
      /^keyless-aws failed: Identity Center rejected the GitHub token: /,
      'AuthorizedAudiences'
    ],
    [
      'exchange role without the permission',
      () => {},
      { 'role-to-assume': roleArn('deploy') },
      /^keyless-aws failed: Exchange role not allowed to create Identity Center tokens: /,
      '"Action": "sso-oauth:CreateTokenWithIAM"'
    ],
    [
      'exchange role not named by the application policy',
      (emu) => (app(emu).actorPolicy.allowedPrincipals = []),
      {},
      /^keyless-aws failed: Exchange role not allowed to create Identity Center tokens: /,
      'put-application-authentication-method'
    ],
    [
      'unmapped user',
      (emu) => (emu.scenario.identityCenter.users = []),
      {},
      /^keyless-aws failed: Identity Center rejected the GitHub token: /,
      'repository = octo-org/octo-repo'
    ],
    [
      'user not assigned to the application',
      (emu) => (app(emu).assignedUserIds = []),
      {},
      /^keyless-aws failed: Identity Center user not assigned to the application: /,
      'create-application-assignment'
    ],
    [
      'missing scope',
      (emu) => (app(emu).scopes = []),
      {},
      /^keyless-aws failed: Scope sso:account:access not enabled: /,
      'put-application-access-scope'
    ],
    [
      'no account assignment',
      () => {},
      { 'identity-center-account-id': '999999999999' },
      /^keyless-aws failed: No assignment to the account and permission set: /,
      'create-account-assignment'
    ]
  ]

  it.each(cases)('%s', async (_name, mutate, change, title, fix) => {
    const { emu } = ctx
    const job = newJob(emu)
    mutate(emu)
    const main = await job.run('main', { ...IDENTITY_CENTER, ...change })
    expectNothingExported(main)
    expect(failure(main)).toMatch(title)
    expect(failure(main)).toContain(fix)
    const failed = emu.log.filter((r) => r.status >= 400)
    expect(failed).toHaveLength(1)
    expect(
      emu.log.filter(
        (r) => `${r.service}:${r.action}` === `${failed[0].service}:${failed[0].action}`
      )
    ).toHaveLength(1)
    // A session opened before the failure is signed out at once.
    const opened = emu.log.some((r) => r.action === 'CreateTokenWithIAM' && r.status === 200)
    expect(steps(emu).filter((s) => s.startsWith('sso:Logout'))).toEqual(
      opened ? ['sso:Logout 200'] : []
    )
    expectNoLeaks(emu, main)
  })
})
