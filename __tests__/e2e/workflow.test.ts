// Runs .github/workflows/e2e.yml on the local runner (runner/run-workflow.ts): the same emulator
// scenario, the same inputs for every `uses: ./` step, the very same bash check steps, the job
// outputs as the runner filters them, then the post steps, and a leak scan of everything. What
// the workflow shows on GitHub, `npm test` proves here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import type { ScenarioOverrides } from '../../emulator/index.js'
import { readWorkflow, runWorkflow, stepLabel } from '../../runner/run-workflow.js'
import type { StandIn, WorkflowStep } from '../../runner/run-workflow.js'
import { expectNoLeaks } from './fixture.js'

const ROOT = new URL('../../', import.meta.url)
const workflow = readWorkflow(new URL('.github/workflows/e2e.yml', ROOT))

/** Steps that prepare a hosted runner; here the checked-out tree and `npm test` stand for them. */
const HOSTED_RUNNER_SETUP: Record<string, StandIn> = {
  checkout: { why: 'the test runs in the checked-out tree' },
  'setup-node': { why: 'Vitest runs the action with Node 24 (runner/node24.ts)' },
  install: { why: 'npm ci has run' },
  build: { why: 'npm test checks dist/ against a fresh build (scripts/check-dist.mjs)' }
}
const EMULATOR_STEP = 'emulator'
const SECRET_OUTPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']

/** The scenario file the workflow's emulator step passes to emulator/cli.ts, if any. */
function emulatorScenario(step: WorkflowStep): ScenarioOverrides | undefined {
  const m = /npx tsx emulator\/cli\.ts(?:[ \t]+([^\s>&|]+))?/.exec(step.run ?? '')
  if (!m) throw new Error(`step ${EMULATOR_STEP} no longer starts emulator/cli.ts`)
  return m[1]
    ? (JSON.parse(readFileSync(new URL(m[1], ROOT), 'utf8')) as ScenarioOverrides)
    : undefined
}

describe('.github/workflows/e2e.yml, run on the local runner', () => {
  it('grants no job an OIDC token of its own and is never triggered by pull_request_target', () => {
    const grantsIdToken = (permissions: unknown) =>
      permissions === 'write-all' ||
      (typeof permissions === 'object' &&
        permissions !== null &&
        (permissions as Record<string, unknown>)['id-token'] === 'write')
    expect(grantsIdToken(workflow.permissions)).toBe(false)
    for (const [name, job] of Object.entries(workflow.jobs))
      expect(grantsIdToken(job.permissions), name).toBe(false)
    expect(JSON.stringify(workflow.on)).not.toContain('pull_request_target')
  })

  it(
    'passes every check step of every job, and leaks no secret',
    { timeout: 120_000 },
    async () => {
      const e2e = workflow.jobs.e2e
      expect(e2e.steps.map((s) => s.id)).toEqual(
        expect.arrayContaining([...Object.keys(HOSTED_RUNNER_SETUP), EMULATOR_STEP])
      )
      const emulatorStep = e2e.steps.find((s) => s.id === EMULATOR_STEP) as WorkflowStep
      const emu = await startEmulator(emulatorScenario(emulatorStep))
      try {
        // The emulator step here: the same scenario, started in-process; its values in GITHUB_ENV.
        const emulator = { why: 'started by the test', env: emu.env }
        const jobs = await runWorkflow(workflow, { ...HOSTED_RUNNER_SETUP, emulator })
        for (const [name, job] of Object.entries(jobs))
          expect(job.failure, `job ${name} failed`).toBeUndefined()
        expect(Object.keys(jobs)).toEqual(['e2e', 'masking'])
        for (const [name, job] of Object.entries(jobs)) {
          // The leak scan every e2e run ends with: each main and post entry, and the check steps.
          for (const { step, main, post } of job.actions) {
            expect(main.stderr, `${name}.${stepLabel(step)}: stderr`).toBe('')
            const credentialsOut = String(step.with?.['output-credentials']) === 'true'
            expectNoLeaks(emu, main, { secretOutputs: credentialsOut ? SECRET_OUTPUTS : [] })
            expectNoLeaks(emu, post!)
          }
          for (const { id, result } of job.scripts) {
            for (const secret of emu.secrets()) {
              expect(result.stdout.includes(secret), `${name}.${id} printed a secret`).toBe(false)
              expect(result.stderr.includes(secret), `${name}.${id} printed a secret`).toBe(false)
            }
          }
        }
        // The workflow's own claims, restated: the masked key stayed in the job, the account id left.
        expect(jobs.e2e.outputs['access-key-id']).toBe('')
        expect(jobs.e2e.outputs['account-id']).toBe('111122223333')
      } finally {
        await emu.close()
      }
    }
  )
})
