import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import {
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator,
  CHAINED,
  CHAIN_FROM
} from './fixture.js'

const FIRST = CHAIN_FROM
// No OIDC token: every source below must stand on its own.
const NO_GITHUB_TOKEN = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }

const requests = (emu: Emulator) => emu.log.map((r) => `${r.service}:${r.action} ${r.status}`)

/** The session role chaining obtained, and the credentials it was signed with. */
function chainedSession(emu: Emulator) {
  const chained = latestCredentials(emu)
  expect(chained.roleArn).toBe(roleArn('chained-target'))
  const source = emu.issued.credentials.find((c) => c.accessKeyId === chained.chainedFrom)
  return { chained, source }
}

describe('role chaining from whatever the AWS SDK’s default chain finds', () => {
  const ctx = useEmulator()

  it('a profile an earlier keyless-aws step wrote with aws-profile, named by AWS_PROFILE', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const first = await job.run('main', { ...FIRST, 'aws-profile': 'build' })
    expect(first.exitCode, failure(first)).toBe(0)
    const written = latestCredentials(emu)
    // Named here whether or not the earlier step exported it, and no keys in the environment.
    job.setEnv({ AWS_PROFILE: 'build' })
    expect(job.env.AWS_ACCESS_KEY_ID ?? '').toBe('')
    emu.resetLog()

    const main = await job.run('main', CHAINED, NO_GITHUB_TOKEN)
    expect(main.exitCode, failure(main)).toBe(0)
    expect(requests(emu)).toEqual(['sts:AssumeRole 200'])
    const { chained, source } = chainedSession(emu)
    expect(source).toBe(written)
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(chained.accessKeyId)
    expect(main.log.lines.join('\n')).toContain('signing with credentials from a profile')
    expectNoLeaks(emu, main)
  })

  it('container credentials (ECS, CodeBuild): AWS_CONTAINER_CREDENTIALS_FULL_URI and its token', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, {
      ...NO_GITHUB_TOKEN,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container-credentials/v2/credentials/task`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: emu.scenario.containerCredentials.authorizationToken
    })
    const main = await job.run('main', CHAINED)
    expect(main.exitCode, failure(main)).toBe(0)
    expect(requests(emu)).toEqual([
      'container-credentials:GetCredentials 200',
      'sts:AssumeRole 200'
    ])
    const { chained, source } = chainedSession(emu)
    expect(source?.roleArn).toBe(roleArn('deploy'))
    expect(main.exported.AWS_SECRET_ACCESS_KEY).toBe(chained.secretAccessKey)
    // The task's own credentials were never masked by an earlier step: this one masks them.
    expect(main.log.masks).toEqual(
      expect.arrayContaining([source?.secretAccessKey, source?.sessionToken])
    )
    expectNoLeaks(emu, main)
  })

  it('instance metadata (IMDSv2) of a self-hosted runner on EC2', async () => {
    const { emu } = ctx
    const job = newJob(emu, { imds: { roleArn: roleArn('deploy') } }, NO_GITHUB_TOKEN)
    const main = await job.run('main', CHAINED)
    expect(main.exitCode, failure(main)).toBe(0)
    expect(requests(emu)).toEqual([
      'imds:GetToken 200',
      'imds:GetRoleName 200',
      'imds:GetCredentials 200',
      'sts:AssumeRole 200'
    ])
    const { source } = chainedSession(emu)
    expect(source?.assumedRoleArn).toMatch(/assumed-role\/deploy\/i-0abc1234def567890$/)
    expect(main.log.masks).toEqual(
      expect.arrayContaining([source?.secretAccessKey, source?.sessionToken])
    )
    expectNoLeaks(emu, main)
  })

  it('web identity as on EKS: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN', async () => {
    const { emu } = ctx
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'keyless-eks-')), 'token')
    writeFileSync(tokenFile, await tokenFromIssuer(emu))
    emu.resetLog()
    const job = newJob(emu, undefined, {
      ...NO_GITHUB_TOKEN,
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: roleArn('deploy'),
      AWS_ROLE_SESSION_NAME: 'eks-pod'
    })
    const main = await job.run('main', CHAINED)
    expect(main.exitCode, failure(main)).toBe(0)
    expect(requests(emu)).toEqual(['sts:AssumeRoleWithWebIdentity 200', 'sts:AssumeRole 200'])
    const { source } = chainedSession(emu)
    expect(source?.assumedRoleArn).toMatch(/assumed-role\/deploy\/eks-pod$/)
    expectNoLeaks(emu, main)
  })

  it('nothing found: names every source it looked at and what to set, exports nothing', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, NO_GITHUB_TOKEN).run('main', CHAINED)
    expectNothingExported(main)
    // Only instance metadata was asked, on loopback, and had no role; STS never was.
    expect(requests(emu)).toEqual(['imds:GetToken 200', 'imds:GetRoleName 404'])
    const text = failure(main)
    expect(text).toMatch(/^keyless-aws failed: No credentials to chain from: /)
    for (const variable of [
      'AWS_ACCESS_KEY_ID',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_EC2_METADATA_SERVICE_ENDPOINT'
    ])
      expect(text).toContain(variable)
    expect(text).toContain('Run keyless-aws for the first role in an earlier step of this job')
    expectNoLeaks(emu, main)
  })

  it('a container endpoint that refuses the token: says so, exports nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, {
      ...NO_GITHUB_TOKEN,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container-credentials/v2/credentials/task`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-task-token'
    })
    const main = await job.run('main', CHAINED)
    expectNothingExported(main)
    expect(requests(emu)).not.toContain('sts:AssumeRole 200')
    expect(failure(main)).toMatch(/^keyless-aws failed: No credentials to chain from: /)
    expectNoLeaks(emu, main, { moreSecrets: ['not-the-task-token'] })
  })

  it('instance metadata that drips its answer: the chain gives up within its deadline', async () => {
    const { emu } = ctx
    const job = newJob(
      emu,
      {
        imds: { roleArn: roleArn('deploy') },
        // Each byte well within the 1 s idle limit: only the chain's own deadline ends it.
        faults: { 'imds:GetCredentials': { always: { kind: 'drip', intervalMs: 300 } } }
      },
      NO_GITHUB_TOKEN
    )
    const main = await job.run('main', { ...CHAINED, 'request-timeout-seconds': '1' })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: No credentials to chain from: .*the AWS SDK’s default chain found nothing no complete answer within 3 s/
    )
    expect(requests(emu)).not.toContain('sts:AssumeRole 200')
    expectNoLeaks(emu, main)
  })
  it('container credentials that drip their answer: the step ends while the endpoint still drips', async () => {
    const { emu } = ctx
    const key = 'container-credentials:GetCredentials'
    const job = newJob(
      emu,
      // A byte every 300 ms, well within the 1 s idle limit, of a body that takes 9 s: only the
      // chain's own deadline ends the search, and only the step's end closes the connection.
      { faults: { [key]: { always: { kind: 'drip', intervalMs: 300, body: ' '.repeat(30) } } } },
      {
        ...NO_GITHUB_TOKEN,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}/container-credentials/v2/credentials/task`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: emu.scenario.containerCredentials.authorizationToken
      }
    )
    const main = await job.run('main', { ...CHAINED, 'request-timeout-seconds': '1' })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: No credentials to chain from: .*the AWS SDK’s default chain found nothing no complete answer within 3 s/
    )
    // The emulator logs a drip when its socket closes: the step's process, gone, closed it before
    // the last byte. A connection held open would have kept the step running to the drip's end.
    await vi.waitFor(() =>
      expect(emu.log.filter((r) => `${r.service}:${r.action}` === key)).not.toEqual([])
    )
    const dripped = emu.log.filter((r) => `${r.service}:${r.action}` === key)
    expect(dripped.map((r) => [r.fault, r.cutShort])).toEqual([['drip', true]])
    expect(requests(emu)).not.toContain('sts:AssumeRole 200')
    expectNoLeaks(emu, main)
  })
})

describe('the default chain’s code loads on the role-chaining path only', () => {
  const ctx = useEmulator()
  const TRACER = fileURLToPath(new URL('../../bench/trace.mjs', import.meta.url))
  // Text only the SDK's default chain holds: its SSO provider's setting, IMDS's credentials path.
  const MARKERS = ['sso_start_url', 'security-credentials']

  async function loadedCode(inputs: Record<string, string>, first?: Record<string, string>) {
    const trace = join(mkdtempSync(join(tmpdir(), 'keyless-trace-')), 'trace.json')
    const job = newJob(ctx.emu)
    if (first) expect((await job.run('main', first)).exitCode).toBe(0)
    const env = { NODE_OPTIONS: `--import=${TRACER}`, BENCH_TRACE: trace }
    const main = await job.run('main', inputs, env)
    expect(main.exitCode, failure(main)).toBe(0)
    expectNoLeaks(ctx.emu, main)
    const { files } = JSON.parse(readFileSync(trace, 'utf8')) as { files: string[] }
    const dist = files.filter((url) => url.includes('/dist/'))
    return dist.map((url) => readFileSync(fileURLToPath(url), 'utf8')).join('\n')
  }

  it('the STS path loads none of it; role chaining does', async () => {
    const found = (code: string) => MARKERS.filter((marker) => code.includes(marker))
    const sts = await loadedCode(STS_INPUTS)
    const chaining = await loadedCode(CHAINED, FIRST)
    expect(found(sts)).toEqual([])
    expect(found(chaining)).toEqual(MARKERS)
    // Nor the session tags' reader: a tag key only it holds.
    expect(sts).not.toContain('TriggeringActor')
    expect(chaining).toContain('TriggeringActor')
  })
})

async function tokenFromIssuer(emu: Emulator): Promise<string> {
  const response = await fetch(
    `${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`,
    { headers: { authorization: `Bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } }
  )
  return ((await response.json()) as { value: string }).value
}
