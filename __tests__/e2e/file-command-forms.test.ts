import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  STS_INPUTS,
  expectNoLeaks,
  failure,
  latestCredentials,
  newJob,
  useEmulator
} from './fixture.js'

// How main writes GITHUB_ENV, GITHUB_OUTPUT and GITHUB_STATE: the plain NAME=value form when the
// value holds no line break (no random delimiter, so no node:crypto for it), a heredoc with a
// random delimiter otherwise.
const PLAIN = /^[A-Za-z_][\w-]*=[^\r]*$/
const HEREDOC_START =
  /^([A-Za-z_][\w-]*)<<(ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})$/

describe('file commands', () => {
  const ctx = useEmulator()

  it('the STS path writes every value as NAME=value: credentials, ARNs, regions and state hold no line break', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', STS_INPUTS)
    expect(main.exitCode, failure(main)).toBe(0)
    for (const text of [main.files.env, main.files.output, main.files.state]) {
      const lines = text.split('\n').filter(Boolean)
      expect(lines.length).toBeGreaterThan(0)
      expect(lines.filter((line) => !PLAIN.test(line))).toEqual([])
    }
    // Read back as the runner reads them.
    const issued = latestCredentials(emu)
    expect(main.exported.AWS_SECRET_ACCESS_KEY).toBe(issued.secretAccessKey)
    expect(main.exported.AWS_SESSION_TOKEN).toBe(issued.sessionToken)
    expect(main.outputs['authenticated-arn']).toMatch(/^arn:aws:sts::\d{12}:assumed-role\//)
    expectNoLeaks(emu, main)
  })

  it('a value with a line break goes in a heredoc, each with its own random delimiter', async () => {
    const { emu } = ctx
    // A runner temp directory whose name holds a line break: the profile files' paths hold one.
    const temp = join(mkdtempSync(join(tmpdir(), 'keyless-forms-')), 'runner\ntemp')
    mkdirSync(temp)
    const main = await newJob(emu, undefined, { RUNNER_TEMP: temp }).run('main', {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      // Exports the region too, a value with no line break, beside the two paths that have one.
      'aws-profile-as-default': 'true'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    const lines = main.files.env.split('\n')
    const heredocs = lines.flatMap((line) => {
      const start = HEREDOC_START.exec(line)
      return start ? [{ name: start[1], delimiter: start[2] }] : []
    })
    expect(heredocs.map((h) => h.name).sort()).toEqual([
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE'
    ])
    expect(new Set(heredocs.map((h) => h.delimiter)).size).toBe(2)
    expect(main.exported.AWS_CONFIG_FILE.startsWith(`${temp}/`)).toBe(true)
    expect(lines).toContain('AWS_REGION=eu-west-1')
    expectNoLeaks(emu, main)
  })
})
