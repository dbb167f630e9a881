import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../runner/job.js'
import { NOBODY } from '../../runner/step-user.js'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'
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

  it('RUNNER_TEMP unset in post only: main’s files are found by the directory it recorded, and go', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const files = await mainStep(job)
    const post = await job.run('post', {}, { RUNNER_TEMP: '' })
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([])
    expect(post.exported).toEqual(RESTORED)
    for (const file of files) expect(existsSync(file), file).toBe(false)
    expect(post.log.lines).toContain(`Deleted ${files.join(', ')}.`)
    expectNoLeaks(emu, post, POST_SCAN)
  })

  it('its directory read-only in post (EACCES): the variables are set back, the files it cannot delete named', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    // No mode stops root, as the tests and CI run: there both steps run as an unprivileged user,
    // as a runner's job user would, with a RUNNER_TEMP of its own.
    const asRoot = process.getuid?.() === 0
    if (asRoot) chownSync(job.env.RUNNER_TEMP, NOBODY.uid, NOBODY.gid)
    if (asRoot) job.injectInNextStep({ asUser: NOBODY })
    const files = await mainStep(job)
    const dir = dirname(files[0])
    chmodSync(dir, 0o500)
    if (asRoot) job.injectInNextStep({ asUser: NOBODY })
    const post = await job.run('post')
    chmodSync(dir, 0o700)
    expect(post.exitCode).toBe(0)
    expect(post.exported).toEqual(RESTORED)
    expect(post.log.warnings).toEqual([
      `Post step could not clean up: could not delete ${files.map((f) => `${f} (EACCES)`).join(', ')}`
    ])
    for (const file of files) expect(existsSync(file), file).toBe(true)
    expectNoLeaks(emu, post, POST_SCAN)
  })

  // Set, RUNNER_TEMP must still hold main's files: a post that finds it elsewhere deletes nothing.
  it.each([
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

// With RUNNER_TEMP gone from post, the directory main recorded is all that says what is main's:
// state that is damaged, or forged to point elsewhere, must get nothing deleted.
describe('post without RUNNER_TEMP and with damaged or forged state deletes nothing not main’s', () => {
  const ctx = useEmulator()
  const OWN = stateVariable(STATE_KEYS.ownDirectory)
  const FILES = stateVariable(STATE_KEYS.writtenFiles)

  const identity = (dir: string) => {
    const { dev, ino } = lstatSync(dir, { bigint: true })
    return { dir, dev: String(dev), ino: String(ino) }
  }

  async function mainThenUserFiles(job: Job) {
    job.setEnv(EARLIER)
    job.masks.push(...EARLIER_SECRETS)
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).toBe(0)
    const files = JSON.parse(main.state[STATE_KEYS.writtenFiles]) as string[]
    const workspace = job.env.GITHUB_WORKSPACE
    mkdirSync(join(workspace, 'src'))
    const userFiles = ['a', 'src/keep.ts'].map((name) => join(workspace, name))
    for (const file of userFiles) writeFileSync(file, 'user file')
    return { main, files, dir: dirname(files[0]), userFiles }
  }

  const cases: [
    string,
    (job: Job, found: Awaited<ReturnType<typeof mainThenUserFiles>>) => Record<string, string>,
    RegExp
  ][] = [
    ['the directory’s record is not JSON', () => ({ [OWN]: 'abc' }), /own-directory is damaged$/],
    [
      'the directory’s record names main’s directory with another inode',
      (_job, { dir }) => ({
        [OWN]: JSON.stringify({ ...identity(dir), ino: String(BigInt(identity(dir).ino) + 1n) })
      }),
      /alone: .+\/keyless-aws is not the directory main wrote in$/
    ],
    [
      'the directory’s record and the files name main’s directory through a link',
      (job, { dir, files }) => {
        const link = join(job.dir, 'link-to-keyless-aws')
        symlinkSync(dir, link)
        return {
          [OWN]: JSON.stringify({ ...identity(dir), dir: link }),
          [FILES]: JSON.stringify(files.map((f) => join(link, f.slice(dir.length + 1))))
        }
      },
      /alone: .+\/link-to-keyless-aws is not the directory main wrote in$/
    ],
    [
      'the directory’s record and the files name the workspace, by its real device and inode',
      (job, { userFiles }) => ({
        [OWN]: JSON.stringify(identity(job.env.GITHUB_WORKSPACE)),
        [FILES]: JSON.stringify([userFiles[0]])
      }),
      /alone: .+\/workspace is not a directory of mode 0700 owned by this user$/
    ]
  ]

  it.each(cases)('%s: nothing is deleted; a warning; exit 0', async (_name, damage, why) => {
    const { emu } = ctx
    const job = newJob(emu)
    const found = await mainThenUserFiles(job)
    const post = await job.run('post', {}, { RUNNER_TEMP: '', ...damage(job, found) })
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([expect.stringMatching(why)])
    for (const file of [...found.files, ...found.userFiles])
      expect(existsSync(file), file).toBe(true)
    expect(post.exported).toEqual(RESTORED)
    expectNoLeaks(emu, post, POST_SCAN)
  })

  it('forged paths beside main’s own in the list: only main’s go', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const { files, dir, userFiles } = await mainThenUserFiles(job)
    const beside = join(dirname(dir), 'keyless-aws-other')
    writeFileSync(beside, 'another action’s file')
    const forged = [...userFiles, 'a', join(dir, '..', 'keyless-aws-other'), beside]
    const post = await job.run(
      'post',
      {},
      { RUNNER_TEMP: '', [FILES]: JSON.stringify([...files, ...forged]) }
    )
    expect(post.exitCode).toBe(0)
    for (const file of files) expect(existsSync(file), file).toBe(false)
    for (const file of [...userFiles, beside]) expect(existsSync(file), file).toBe(true)
    expect(post.log.warnings).toEqual([
      `Post step could not clean up: left ${forged.join(', ')} alone: not in the directory main recorded as its own`
    ])
    expectNoLeaks(emu, post, POST_SCAN)
  })

  it('a session record naming a workspace file: it is neither read, nor sent, nor deleted', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    const { userFiles } = await mainThenUserFiles(job)
    emu.resetLog()
    const session = { portalUrl: emu.env.AWS_ENDPOINT_URL_SSO, tokenFile: userFiles[0] }
    const post = await job.run(
      'post',
      {},
      {
        RUNNER_TEMP: '',
        [stateVariable(STATE_KEYS.identityCenterSession)]: JSON.stringify(session)
      }
    )
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([
      `Post step could not clean up: left ${userFiles[0]} alone and did not sign out: not in the directory main recorded as its own`
    ])
    expect(existsSync(userFiles[0])).toBe(true)
    expect(emu.log).toEqual([])
    expectNoLeaks(emu, post, POST_SCAN)
  })
})
