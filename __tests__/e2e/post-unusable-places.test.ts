import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import { STATE_KEYS } from '../../src/state/keys.js'
import { STS_INPUTS, expectNoLeaks, newJob, useEmulator } from './fixture.js'

const EARLIER = {
  AWS_ACCESS_KEY_ID: 'ASIAEARLIERSTEPKEY01',
  AWS_SECRET_ACCESS_KEY: 'earlier/step/secret/key/0000000000000000',
  AWS_SESSION_TOKEN: 'earlier-step-session-token-0000000000000000000000',
  AWS_REGION: 'us-west-2'
}
const EARLIER_SECRETS = [EARLIER.AWS_SECRET_ACCESS_KEY, EARLIER.AWS_SESSION_TOKEN]
// Main writes two files under RUNNER_TEMP here: the earlier values, and a token file.
const INPUTS = {
  ...STS_INPUTS,
  'web-identity-token-audience': 'https://api.example.com',
  'web-identity-token-to-file': 'true'
}
const SCAN = { secretOutputs: ['web-identity-token'], moreSecrets: EARLIER_SECRETS }
// Post gives the earlier secrets back to their own variables, where they belong.
const POST_SCAN = { secretOutputs: ['web-identity-token'] }
const RESTORED = { ...EARLIER, KEYLESS_AWS_WEB_IDENTITY_TOKEN_FILE: '' }

// Tests run as root, where chmod takes nothing away: a place is made unusable by its kind (a
// directory where a file is written, a path under a regular file) or by its absence.
describe('post in a job that gives it no usable place exits 0 and cleans what it can', () => {
  const ctx = useEmulator()

  async function mainStep(job: Job, env: Record<string, string> = {}) {
    job.setEnv(EARLIER)
    job.masks.push(...EARLIER_SECRETS)
    const main = await job.run('main', INPUTS, env)
    expect(main.exitCode).toBe(0)
    expectNoLeaks(ctx.emu, main, SCAN)
    const files = JSON.parse(main.state[STATE_KEYS.writtenFiles]) as string[]
    expect(files).toHaveLength(2)
    for (const file of files) expect(existsSync(file), file).toBe(true)
    return files
  }

  it('GITHUB_ENV is a directory: the files go, and the warning names the variables it could not set back', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const files = await mainStep(job)
    job.injectInNextStep({ brokenFileCommand: 'ENV' })
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([
      expect.stringMatching(
        /^Post step could not clean up: could not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, KEYLESS_AWS_WEB_IDENTITY_TOKEN_FILE back: GITHUB_ENV \(.+\) could not be written \(EISDIR\)/
      )
    ])
    for (const file of files) expect(existsSync(file), file).toBe(false)
    expectNoLeaks(emu, post, POST_SCAN)
  })

  it('RUNNER_TEMP unset in the whole job: main writes under TMPDIR, and post deletes from there', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const tmp = join(job.dir, 'tmpdir')
    mkdirSync(tmp)
    const env = { RUNNER_TEMP: '', TMPDIR: tmp }
    const files = await mainStep(job, env)
    for (const file of files) expect(file.startsWith(join(tmp, 'keyless-aws'))).toBe(true)
    const post = await job.run('post', {}, env)
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([])
    expect(post.exported).toEqual(RESTORED)
    for (const file of files) expect(existsSync(file), file).toBe(false)
    expectNoLeaks(emu, post, POST_SCAN)
  })

  it.each([
    ['unset in post', () => '', /\(RUNNER_TEMP is not set in this step\)$/],
    [
      'under a regular file in post',
      (job: Job) => {
        writeFileSync(join(job.dir, 'plain-file'), '')
        return join(job.dir, 'plain-file', 'temp')
      },
      /\(RUNNER_TEMP, .+\/plain-file\/temp, is not a directory in this step\)$/
    ]
  ])(
    'RUNNER_TEMP %s: the variables are set back, and the files it cannot place are named',
    async (_name, temp, why) => {
      const { emu } = ctx
      const job = newJob(emu)
      const files = await mainStep(job)
      const post = await job.run('post', {}, { RUNNER_TEMP: temp(job) })
      expect(post.exitCode).toBe(0)
      expect(post.exported).toEqual(RESTORED)
      // Post finds main's files through RUNNER_TEMP; it deletes nothing it cannot place as its own.
      expect(post.log.warnings).toEqual([expect.stringMatching(why)])
      expect(post.log.warnings[0]).toContain(`left ${files.join(', ')} alone`)
      expectNoLeaks(emu, post, POST_SCAN)
    }
  )
})
