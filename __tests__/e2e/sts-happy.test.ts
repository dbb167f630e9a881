import { describe, expect, it } from 'vitest'
import { findLateMasks } from '../../runner/leak-scan.js'
import {
  ACCOUNT,
  expectNoLeaks,
  latestCredentials,
  newJob,
  requestsTo,
  roleArn,
  sessionArn,
  useEmulator
} from './fixture.js'

const CREDENTIAL_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']

describe('STS path, bundled action against the emulator', () => {
  const ctx = useEmulator()

  it('exports masked credentials of a role whose trust policy locks aud and sub, in 2 requests', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })

    expect(main.stderr).toBe('')
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => `${r.service}:${r.action}`)).toEqual([
      'github:GetIdToken',
      'sts:AssumeRoleWithWebIdentity'
    ])
    expect(requestsTo(emu, 'sts')[0].signed).toBe(false)

    const issued = latestCredentials(emu)
    expect(main.exported).toEqual({
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
      AWS_SESSION_TOKEN: issued.sessionToken,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1'
    })
    expect(main.outputs).toEqual({
      'aws-account-id': ACCOUNT,
      'authenticated-arn': sessionArn('deploy'),
      'aws-expiration': issued.expiration.toISOString()
    })
    // Every secret is masked, and each mask comes before any line or file command that carries
    // its value: the token's first of all, the credentials' before they are exported.
    expect(findLateMasks(main)).toEqual([])
    expect(main.log.masks).toEqual(
      expect.arrayContaining([
        emu.issued.idTokens.at(-1),
        issued.accessKeyId,
        issued.secretAccessKey,
        issued.sessionToken
      ])
    )
    const stdout = main.stdout.split('\n')
    const tokenMask = stdout.indexOf(`::add-mask::${emu.issued.idTokens.at(-1)}`)
    const firstPlainLine = stdout.findIndex(
      (l, i) => i > tokenMask && !l.startsWith('::add-mask::')
    )
    const lastCredentialMask = stdout.lastIndexOf(`::add-mask::${issued.sessionToken}`)
    // Before the token's mask, only the debug lines written before the token was asked for.
    expect(tokenMask).toBeGreaterThanOrEqual(0)
    expect(stdout.slice(0, tokenMask)).toEqual(
      stdout.slice(0, tokenMask).filter((l) => /^::debug::(config: |token: requesting )/.test(l))
    )
    expect(lastCredentialMask).toBeGreaterThan(tokenMask)
    expect(main.log.lines.join('\n')).toContain(
      'sub                  repo:octo-org/octo-repo:ref:refs/heads/main'
    )
    expect(firstPlainLine).toBe(tokenMask + 1)
    // The job summary: what was obtained, for whom, and on which claims.
    for (const cell of [
      '<td>exchange</td><td><code>STS AssumeRoleWithWebIdentity</code></td>',
      `<td>credentials of</td><td><code>${sessionArn('deploy')}</code></td>`,
      '<td>accepted sub</td><td><code>repo:octo-org/octo-repo:ref:refs/heads/main</code></td>',
      '<td>accepted aud</td><td><code>sts.amazonaws.com</code></td>'
    ]) {
      expect(main.summary).toContain(cell)
    }
    expectNoLeaks(emu, main)

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    // The secrets blanked; the region, not secret, left: blank, it is an error to every client.
    expect(post.exported).toEqual(Object.fromEntries(CREDENTIAL_VARS.map((name) => [name, ''])))
    expect(job.env).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' })
    expect(post.log.lines).toEqual(
      expect.arrayContaining([
        `Cleared ${CREDENTIAL_VARS.join(', ')}.`,
        'Left AWS_REGION, AWS_DEFAULT_REGION as set: not secret, and a blank region is an error.'
      ])
    )
    expect(emu.log).toHaveLength(2)
    expectNoLeaks(emu, post)
  })

  it('gives a deploy job its own role and audience behind an environment', async () => {
    const { emu } = ctx
    const job = newJob(emu, { github: { job: { environment: 'production' } } })
    const main = await job.run('main', {
      'aws-region': 'us-east-1',
      'role-to-assume': roleArn('prod-deploy'),
      audience: 'deploy.octo-org.example',
      'role-session-name': 'deploy-prod',
      'role-duration-seconds': '900'
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['authenticated-arn']).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/prod-deploy/deploy-prod`
    )
    const expires = new Date(main.outputs['aws-expiration']).getTime() - Date.now()
    expect(expires).toBeGreaterThan(800_000)
    expect(expires).toBeLessThanOrEqual(900_000)
    expectNoLeaks(emu, main)
  })

  it('sets the credential outputs only when asked, and masks the account id when asked', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('build-readonly'),
      'output-credentials': 'true',
      'mask-aws-account-id': 'true'
    })
    expect(main.exitCode).toBe(0)
    const issued = latestCredentials(emu)
    expect(main.outputs['aws-access-key-id']).toBe(issued.accessKeyId)
    expect(main.outputs['aws-secret-access-key']).toBe(issued.secretAccessKey)
    expect(main.outputs['aws-session-token']).toBe(issued.sessionToken)
    expect(main.log.masks).toContain(ACCOUNT)
    // Masked before the line that names the account, and before the outputs that carry it.
    expect(findLateMasks(main)).toEqual([])
    expect(main.log.lines.join('\n')).not.toContain(ACCOUNT)
    expect(main.summary).not.toContain(ACCOUNT)
    expectNoLeaks(emu, main, {
      secretOutputs: ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']
    })
  })

  it('keeps nothing secret out of the log in debug mode either', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' })
    const main = await job.run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
    expect(main.exitCode).toBe(0)
    expectNoLeaks(emu, main)
    expectNoLeaks(emu, await job.run('post'))
  })
})
