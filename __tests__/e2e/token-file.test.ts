import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import {
  expectNoLeaks,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

/** A token as a self-hosted runner's agent would leave it: from the issuer, in a file. */
async function tokenFromIssuer(emu: Emulator): Promise<string> {
  const response = await fetch(
    `${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`,
    {
      headers: { authorization: `Bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    }
  )
  return ((await response.json()) as { value: string }).value
}

const NO_GITHUB_TOKEN = { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }
const INPUTS = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('deploy'),
  'web-identity-token-file': 'tokens/web-identity'
}

describe('web-identity-token-file: the token from a file, for self-hosted runners and EKS', () => {
  const ctx = useEmulator()

  async function jobWithTokenFile(emu: Emulator) {
    const token = await tokenFromIssuer(emu)
    emu.resetLog()
    const job = newJob(emu, undefined, NO_GITHUB_TOKEN)
    const dir = join(job.env.GITHUB_WORKSPACE, 'tokens')
    await import('node:fs').then((fs) => fs.mkdirSync(dir))
    writeFileSync(join(dir, 'web-identity'), `${token}\n`)
    return { job, token }
  }

  it('reads the file relative to the workspace, needs no id-token permission, masks the token', async () => {
    const { emu } = ctx
    const { job, token } = await jobWithTokenFile(emu)
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => r.action)).toEqual(['AssumeRoleWithWebIdentity'])
    expect(main.log.masks).toContain(token)
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expectNoLeaks(emu, main)
  })

  it('takes configure-aws-credentials’ force-skip-oidc: true with it, as that path asks GitHub for nothing', async () => {
    const { emu } = ctx
    const { job } = await jobWithTokenFile(emu)
    const main = await job.run('main', { ...INPUTS, 'force-skip-oidc': 'true' })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(emu.log.map((r) => `${r.service}:${r.action}`)).toEqual([
      'sts:AssumeRoleWithWebIdentity'
    ])
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expectNoLeaks(emu, main)
  })

  it('refuses an expired token before sending it', async () => {
    const { emu } = ctx
    emu.setScenario({ github: { clockSkewSeconds: -400 } })
    const { job } = await jobWithTokenFile(emu)
    const main = await job.run('main', INPUTS)
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Token expired: sts:AssumeRoleWithWebIdentity on .*: web-identity-token-file .*tokens\/web-identity: expired at /
    )
  })

  it('refuses a token file that cannot be read, before any request', async () => {
    const { emu } = ctx
    const { job } = await jobWithTokenFile(emu)
    const main = await job.run('main', { ...INPUTS, 'web-identity-token-file': 'tokens/none' })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(
      /Input web-identity-token-file: .*tokens\/none cannot be read \(ENOENT\)/
    )
  })

  // A read of a FIFO blocks until a writer comes, where no request timeout can reach it.
  it('refuses a FIFO at once (ends without waiting on a writer), before any request', async () => {
    const { emu } = ctx
    const { job } = await jobWithTokenFile(emu)
    execFileSync('mkfifo', [join(job.env.GITHUB_WORKSPACE, 'tokens/pipe')])
    const main = await job.run('main', { ...INPUTS, 'web-identity-token-file': 'tokens/pipe' })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(
      /Input web-identity-token-file: .*tokens\/pipe is a named pipe \(FIFO\), whose read could block the step forever, not a regular file\. Accepted: a regular file \(or a link to one\) of at most 16 KiB holding one JWT\./
    )
  })

  it('refuses a directory and a file too big for a token, saying what is accepted', async () => {
    const { emu } = ctx
    const { job } = await jobWithTokenFile(emu)
    mkdirSync(join(job.env.GITHUB_WORKSPACE, 'tokens/dir'))
    writeFileSync(join(job.env.GITHUB_WORKSPACE, 'tokens/big'), 'x'.repeat(16 * 1024 + 1))
    for (const [file, why] of [
      ['tokens/dir', 'is a directory, not a regular file'],
      ['tokens/big', 'holds 16385 bytes, more than a token']
    ]) {
      const main = await job.run('main', { ...INPUTS, 'web-identity-token-file': file })
      expectRefusedBeforeAnyRequest(emu, main)
      expect(failure(main)).toContain(`${file} ${why}. Accepted: a regular file`)
    }
  })

  it('accepts a link to a regular file, as EKS projects its token', async () => {
    const { emu } = ctx
    const { job } = await jobWithTokenFile(emu)
    symlinkSync('web-identity', join(job.env.GITHUB_WORKSPACE, 'tokens/link'))
    const main = await job.run('main', { ...INPUTS, 'web-identity-token-file': 'tokens/link' })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expectNoLeaks(emu, main)
  })
})
