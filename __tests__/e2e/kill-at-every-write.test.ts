import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

// Values an earlier step left, so that post has earlier values to restore, not only to blank.
const EARLIER = { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-east-2' }
// Runs that write every kind of file main writes: the earlier values, the outbound token, the
// profile files and the refresh settings on the STS path; the session's token on Identity Center's.
const RUNS = [
  {
    path: 'STS',
    inputs: {
      ...STS_INPUTS,
      'web-identity-token-audience': 'https://api.vendor.example',
      'web-identity-token-to-file': 'true',
      'role-profiles': `reader = ${roleArn('deploy')}`,
      'output-credentials': 'true'
    }
  },
  { path: 'Identity Center', inputs: IDENTITY_CENTER }
] as const
const SECRET_OUTPUTS = [
  'web-identity-token',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token'
]

describe.each(RUNS)('main killed at each of its writes on the $path path', ({ inputs }) => {
  const ctx = useEmulator()

  const jobWithEarlierValues = (): Job => {
    const job = newJob(ctx.emu)
    job.setEnv(EARLIER)
    return job
  }

  it('then post exits 0, deletes every file main wrote, restores every variable and signs out', async () => {
    const { emu } = ctx
    const clean = jobWithEarlierValues()
    clean.injectInNextStep({ listWrites: true })
    const whole = await clean.run('main', inputs)
    expect(whole.exitCode).toBe(0)
    // Every kind of write is among them: a kill point for each.
    expect(whole.writes.length).toBeGreaterThan(8)

    let killsAfterASession = 0
    for (let n = 1; n <= whole.writes.length; n++) {
      emu.resetLog()
      const sessionsBefore = emu.issued.identityCenterTokens.length
      const job = jobWithEarlierValues()
      job.injectInNextStep({ killAfterWrites: n })
      const main = await job.run('main', inputs)
      const at = `killed after write ${n} (${whole.writes[n - 1]})`
      expect(main.exitCode, at).not.toBe(0)
      const ownFiles = Object.keys(main.filesWritten).filter((f) =>
        f.startsWith(join(job.env.RUNNER_TEMP, 'keyless-aws'))
      )
      const session = emu.issued.identityCenterTokens.slice(sessionsBefore)

      const post = await job.run('post')
      expect(post.exitCode, at).toBe(0)
      expect(post.log.warnings, at).toEqual([])
      expect(
        ownFiles.filter((f) => existsSync(f)),
        at
      ).toEqual([])
      const dir = join(job.env.RUNNER_TEMP, 'keyless-aws')
      expect(existsSync(dir) ? readdirSync(dir) : [], at).toEqual([])
      // Restored where an earlier step had set them; where unset, the files clients read when
      // unset (~/.aws), and blank for the rest.
      const unset: Record<string, string> = {
        AWS_SHARED_CREDENTIALS_FILE: join(job.env.HOME, '.aws', 'credentials'),
        AWS_CONFIG_FILE: join(job.env.HOME, '.aws', 'config')
      }
      for (const name of Object.keys(main.exported))
        expect(job.env[name] ?? '', `${at}: ${name}`).toBe(
          EARLIER[name as keyof typeof EARLIER] ?? unset[name] ?? ''
        )
      // Main records the session before it asks for the token and writes the token first once it
      // has it: at every kill point after the session began, post signs it out.
      expect(
        session.map((t) => t.signedOut),
        at
      ).toEqual(session.map(() => true))
      if (session.length) killsAfterASession++
      expectNoLeaks(emu, main, { secretOutputs: SECRET_OUTPUTS })
      expectNoLeaks(emu, post)
    }
    // On the Identity Center path, kill points after the session began were among them.
    expect(killsAfterASession > 0).toBe(inputs === IDENTITY_CENTER)
  }, 600_000)
})
