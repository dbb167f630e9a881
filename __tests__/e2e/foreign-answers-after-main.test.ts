// Something other than the service answering the two endpoints called after main: the credential
// process (a self-refreshing profile's, run by whatever AWS client a later step starts) and post's
// Identity Center sign-out. Each names the endpoint, the status and the content type, and says that
// something other than AWS or GitHub answered; neither quotes the page it got.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Emulator, Fault } from '../../emulator/index.js'
import type { Job } from '../../runner/job.js'
import { runToEnd } from '../../runner/child-output.js'
import { callerIdentity } from '../../runner/real-clients.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  consume,
  expectNoLeaks,
  failure,
  newJob,
  useEmulator
} from './fixture.js'

// A page that would print commands of its own if it reached the log as it is.
const HOSTILE_PAGE = '<html>blocked</html>\n::error::from the page\n::add-mask::x\n'
const ANSWERS: [string, Fault, RegExp][] = [
  [
    'a 403 HTML page',
    { kind: 'foreign', status: 403, body: HOSTILE_PAGE },
    /HTTP 403 with content type "text\/html"/
  ],
  [
    'a 307 redirect',
    {
      kind: 'foreign',
      status: 307,
      body: HOSTILE_PAGE,
      headers: { location: 'http://127.0.0.1:9/login' }
    },
    /HTTP 307 with content type "text\/html"/
  ],
  [
    'a 200 HTML page',
    { kind: 'foreign', status: 200, body: HOSTILE_PAGE },
    /HTTP 200 with content type "text\/html"/
  ]
]
const PLAIN_502: Fault = {
  kind: 'foreign',
  status: 502,
  contentType: 'text/plain',
  body: 'Bad Gateway\n::error::from the proxy\n'
}

/** The profile's credential_process line, as the AWS clients read it from the config file. */
function credentialProcess(job: Job): string {
  const config = readFileSync(job.env.AWS_CONFIG_FILE, 'utf8')
  const line = /^\[profile deploy\]\n(?:.*\n)*?credential_process = (.+)$/m.exec(config)
  if (!line) throw new Error(`no credential_process for profile deploy in:\n${config}`)
  return line[1]
}

/** The process as a client runs it: through a shell, with the job's environment. */
async function runCredentialProcess(emu: Emulator, job: Job) {
  const run = await runToEnd('/bin/sh', ['-c', credentialProcess(job)], {
    env: { PATH: process.env.PATH ?? '', ...job.env },
    cwd: job.env.GITHUB_WORKSPACE
  })
  for (const secret of emu.secrets().filter((s) => s.length >= 8)) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
  return run
}

const CREDENTIAL_PROCESS_ENDPOINTS = [
  { key: 'github:GetIdToken', problem: PROBLEMS.notGithub, at: /at http:\/\/127\.0\.0\.1:\d+\// },
  {
    key: 'sts:AssumeRoleWithWebIdentity',
    problem: PROBLEMS.notAws,
    at: /STS AssumeRoleWithWebIdentity at http:\/\/127\.0\.0\.1:\d+\//
  }
] as const

describe.each(CREDENTIAL_PROCESS_ENDPOINTS)(
  'the credential process when something other than the service answers $key',
  ({ key, problem, at }) => {
    const ctx = useEmulator()

    const selfRefreshing = async (more: Record<string, string> = {}) => {
      const job = newJob(ctx.emu)
      const main = await job.run('main', {
        ...STS_INPUTS,
        'aws-profile': 'deploy',
        'self-refreshing': 'true',
        ...more
      })
      expect(main.exitCode, failure(main)).toBe(0)
      expectNoLeaks(ctx.emu, main)
      return job
    }

    it.each(ANSWERS)(
      '%s: stderr names it by endpoint, status and content type; exit 1; the SDK fails showing it',
      async (_name, fault, shown) => {
        const { emu } = ctx
        const job = await selfRefreshing()
        emu.setScenario({ faults: { [key]: { always: fault } } })
        emu.resetLog()
        const run = await runCredentialProcess(emu, job)
        expect(run.exitCode).toBe(1)
        expect(run.stdout).toBe('')
        const [first, ...rest] = run.stderr.split('\n')
        expect(first).toMatch(new RegExp(`^keyless-aws failed: ${problem}: `))
        expect(first).toMatch(shown)
        expect(first).toMatch(at)
        expect(rest.join('\n')).toMatch(/probably a proxy, a firewall or a captive portal/)
        expect(run.stderr).not.toContain('blocked')
        expect(run.stderr).not.toContain('::error::')
        expect(run.stderr).not.toContain('Unknown')
        // Not retried: a proxy's page says the same the next time.
        expect(emu.log.filter((r) => `${r.service}:${r.action}` === key)).toHaveLength(1)

        // A later step's AWS SDK runs the same process and fails with our words in its error.
        const sdk = await consume(emu, job, 'process', 'deploy')
        expect(sdk.exitCode).not.toBe(0)
        expect(sdk.stderr).toContain(first)
        expect(sdk.stderr).not.toContain('::error::')
      }
    )

    it(
      'a 502 text/plain page is retried, then named as not the service, within the attempts cap',
      { timeout: 120_000 },
      async () => {
        const { emu } = ctx
        const job = await selfRefreshing({ 'retry-max-attempts': '2' })
        emu.setScenario({ faults: { [key]: { always: PLAIN_502 } } })
        emu.resetLog()
        const run = await runCredentialProcess(emu, job)
        expect(run.exitCode).toBe(1)
        expect(run.stdout).toBe('')
        expect(run.stderr).toMatch(new RegExp(`^keyless-aws failed: ${problem}: `))
        expect(run.stderr).toMatch(/HTTP 502 with content type "text\/plain"/)
        expect(run.stderr).toMatch(/gave up after 2 attempts in [\d.]+ s/)
        expect(emu.log.filter((r) => `${r.service}:${r.action}` === key)).toHaveLength(2)
        expect(run.stderr).not.toContain('Bad Gateway')
        // The AWS CLI, as users run it, shows the process's words in its own error.
        const cli = await callerIdentity(job, 'aws-cli-v2', 'deploy')
        expect(cli.exitCode).not.toBe(0)
        expect(cli.stderr).toContain(`keyless-aws failed: ${problem}: `)
        expect(cli.stderr).toMatch(/HTTP 502 with content type "text\/plain"/)
      }
    )
  }
)

describe('post’s Identity Center sign-out when something other than AWS answers', () => {
  const ctx = useEmulator()

  it.each([
    ...ANSWERS,
    ['a 502 text/plain page', PLAIN_502, /HTTP 502 with content type "text\/plain"/] as const
  ])(
    '%s: a warning naming endpoint, status and content type, after restoring and deleting; exit 0',
    async (_name, fault, shown) => {
      const { emu } = ctx
      const job = newJob(emu, { faults: { 'sso:Logout': { always: fault } } })
      const main = await job.run('main', IDENTITY_CENTER)
      expect(main.exitCode, failure(main)).toBe(0)
      const post = await job.run('post')
      expect(post.exitCode).toBe(0)
      expect(post.log.lines).not.toContain('Signed out of the Identity Center session.')
      expect(post.log.warnings).toHaveLength(1)
      const [warning] = post.log.warnings
      expect(warning).toMatch(
        /^Post step could not clean up: the Identity Center sign-out at http:\/\/127\.0\.0\.1:\d+\/\S*logout got /
      )
      expect(warning).toMatch(shown)
      expect(warning).toMatch(/something other than AWS answered/)
      expect(warning).toMatch(/the session ends when its token expires/i)
      expect(warning).not.toContain('blocked')
      expect(warning).not.toContain('Bad Gateway')
      expect(post.log.errors).toEqual([])
      // Restored and deleted before the sign-out was sent.
      const cleared = post.log.lines.findIndex((l) => l.startsWith('Cleared '))
      const deleted = post.log.lines.findIndex((l) => l.startsWith('Deleted '))
      expect(cleared).toBeGreaterThanOrEqual(0)
      expect(deleted).toBeGreaterThan(cleared)
      expect(post.exported.AWS_SESSION_TOKEN).toBe('')
      const dir = join(job.env.RUNNER_TEMP, 'keyless-aws')
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
      expect(emu.log.at(-1)?.action).toBe('Logout')
      expect(emu.log.at(-1)?.fault).toBe('foreign')
      for (const step of [main, post]) expectNoLeaks(emu, step)
    }
  )
})
