import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../runner/job.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import { STS_INPUTS, expectNoLeaks, failure, newJob, roleArn, useEmulator } from './fixture.js'

const EARLIER = { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-east-2' }
const INPUTS = {
  ...STS_INPUTS,
  'web-identity-token-audience': 'https://api.vendor.example',
  'web-identity-token-to-file': 'true',
  'role-profiles': `reader = ${roleArn('deploy')}`
}

// The files main wrote under RUNNER_TEMP/keyless-aws, as the failure message names them.
const ownFiles = (main: StepResult) => [
  ...new Set(failure(main).match(/\/\S+\/keyless-aws\/[\w-]+/g) ?? [])
]

describe('a write that fails after others succeeded', () => {
  const ctx = useEmulator()

  it('a broken GITHUB_OUTPUT: every variable set back, every file deleted, and said so', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    job.setEnv(EARLIER)
    job.injectInNextStep({ brokenFileCommand: 'OUTPUT', listWrites: true })
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).not.toBe(0)
    expect(failure(main)).toMatch(new RegExp(`^keyless-aws failed: ${PROBLEMS.exportFailed}: `))
    expect(failure(main)).toMatch(/EISDIR/)
    expect(failure(main)).toMatch(/Undone: .*blanked AWS_ACCESS_KEY_ID, .*restored AWS_REGION, /)
    expect(failure(main)).not.toContain('Could not undo')
    expect(failure(main)).toContain('Nothing of this step stays usable by later steps')
    // What a later `if: always()` step sees: the variables as they were before the step.
    expect(main.files.env).toContain('AWS_ACCESS_KEY_ID')
    for (const name of Object.keys(main.exported))
      expect(job.env[name] ?? '', name).toBe(EARLIER[name as keyof typeof EARLIER] ?? '')
    const files = ownFiles(main)
    expect(files).toHaveLength(4)
    expect(files.filter((f) => existsSync(f))).toEqual([])
    expect(readdirSync(join(job.env.RUNNER_TEMP, 'keyless-aws'))).toEqual([])
    expectNoLeaks(emu, main)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.warnings).toEqual([])
    expectNoLeaks(emu, post)
  })

  it('a broken GITHUB_ENV: nothing exported, and the files written before it deleted', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    job.injectInNextStep({ brokenFileCommand: 'ENV', listWrites: true })
    const main = await job.run('main', INPUTS)
    expect(main.exitCode).not.toBe(0)
    expect(failure(main)).toMatch(new RegExp(`^keyless-aws failed: ${PROBLEMS.exportFailed}: `))
    expect(failure(main)).toMatch(/EISDIR/)
    expect(failure(main)).toMatch(/Undone: deleted \S+\/web-identity-token-/)
    expect(failure(main)).not.toContain('Could not undo')
    expect(main.exported).toEqual({})
    expect(main.outputs).toEqual({})
    const files = ownFiles(main)
    expect(files).toHaveLength(3)
    expect(files.filter((f) => existsSync(f))).toEqual([])
    expect(readdirSync(join(job.env.RUNNER_TEMP, 'keyless-aws'))).toEqual([])
    expectNoLeaks(emu, main)
  })
})
