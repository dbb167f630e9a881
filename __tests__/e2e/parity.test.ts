import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const INPUTS = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') }

describe('parity with configure-aws-credentials, done right', () => {
  const ctx = useEmulator()

  it('allowed-account-ids: a listed account passes', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...INPUTS,
      'allowed-account-ids': `444455556666, ${ACCOUNT}`
    })
    expect(main.exitCode).toBe(0)
    expectNoLeaks(emu, main)
  })

  it('allowed-account-ids: a mismatch exports nothing and writes nothing, not even a requested token file', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      ...INPUTS,
      'allowed-account-ids': '444455556666\n777788889999',
      'web-identity-token-audience': 'https://api.vendor.example',
      'web-identity-token-to-file': 'true'
    })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Account not allowed: the credentials are for account 111122223333\n/
    )
    expect(failure(main)).toContain(
      'allowed-account-ids lists 444455556666, 777788889999; nothing was exported.'
    )
    const dir = join(job.env.RUNNER_TEMP, 'keyless-aws')
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
    // The credentials were masked even though they were refused.
    expect(main.log.masks).toContain(emu.issued.credentials.at(-1)!.secretAccessKey)
    expectNoLeaks(emu, main)
  })

  it('allowed-account-ids: refuses a malformed id before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...INPUTS,
      'allowed-account-ids': '1111-2222-3333'
    })
    expectNothingExported(main)
    expect(emu.log).toHaveLength(0)
    expect(failure(main)).toContain(
      'Input allowed-account-ids: "1111-2222-3333" is not an AWS account id'
    )
  })

  it('refuses long-lived keys with the way to OIDC, without showing them', async () => {
    const { emu } = ctx
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const main = await newJob(emu).run('main', {
      ...INPUTS,
      'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      'aws-secret-access-key': secret
    })
    expectNothingExported(main)
    expect(emu.log).toHaveLength(0)
    const text = failure(main)
    expect(text).toContain(
      'Input aws-access-key-id, aws-secret-access-key: keyless-aws takes no long-lived AWS keys.'
    )
    expect(text).toContain('(1) create the IAM OIDC provider')
    expect(text).toContain('“Set up AWS once” in the README')
    expect(main.stdout).not.toContain(secret)
    expect(main.stdout).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })
})
