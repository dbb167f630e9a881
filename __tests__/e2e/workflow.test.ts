// Runs .github/workflows/e2e.yml on the local runner harness: the same emulator scenario, the same
// inputs for every `uses: ./` step, the very same bash check steps (with the `${{ }}` expressions
// they use evaluated from what the steps produced), the job outputs filtered as the runner filters
// them, then the post steps, and a leak scan of everything. What the workflow shows on GitHub,
// `npm test` proves here.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import { parseFileCommands } from '../../runner/file-commands.js'
import { Job } from '../../runner/job.js'
import type { StepResult } from '../../runner/job.js'
import { expectNoLeaks } from './fixture.js'

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  if?: unknown
  shell?: string
  'working-directory'?: string
  'continue-on-error'?: boolean
}
interface WorkflowJob {
  needs?: string | string[]
  permissions?: unknown
  env?: Record<string, unknown>
  outputs?: Record<string, string>
  defaults?: unknown
  steps: Step[]
}
interface Workflow {
  on: unknown
  permissions?: unknown
  env?: Record<string, unknown>
  defaults?: { run?: { shell?: string } }
  jobs: Record<string, WorkflowJob>
}

const ROOT = new URL('../../', import.meta.url)
const WORKFLOW_PATH = new URL('.github/workflows/e2e.yml', ROOT)
const workflow = parse(readFileSync(WORKFLOW_PATH, 'utf8')) as Workflow

/** Steps that prepare a hosted runner; here the checked-out tree and `npm test` stand for them. */
const HOSTED_RUNNER_SETUP: Record<string, string> = {
  checkout: 'the test runs in the checked-out tree',
  'setup-node': 'Vitest runs the action with Node 24 (runner/node24.ts)',
  install: 'npm ci has run',
  build: 'npm test checks dist/ against a fresh build (scripts/check-dist.mjs)'
}
const EMULATOR_STEP = 'emulator'
const SECRET_OUTPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']

interface StepRecord {
  outputs: Record<string, string>
  outcome: 'success' | 'failure'
}
interface Context {
  steps: Record<string, StepRecord>
  needs: Record<string, { outputs: Record<string, string> }>
}

/** Evaluates the `${{ }}` expressions the workflow uses; anything else fails the test loudly. */
function evaluate(value: unknown, ctx: Context): string {
  return String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    let m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (m) return stepRecord(ctx, m[1]).outputs[m[2]] ?? ''
    m = /^steps\.([\w-]+)\.(outcome|conclusion)$/.exec(expression)
    if (m) return stepRecord(ctx, m[1]).outcome
    m = /^needs\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (m) {
      if (!ctx.needs[m[1]]) throw new Error(`\${{ ${expression} }}: job ${m[1]} has not run`)
      return ctx.needs[m[1]].outputs[m[2]] ?? ''
    }
    throw new Error(`workflow.test.ts cannot evaluate \${{ ${expression} }}: teach evaluate() it`)
  })
}

function stepRecord(ctx: Context, id: string): StepRecord {
  const record = ctx.steps[id]
  if (!record) throw new Error(`a step refers to step ${id}, which has not run before it`)
  return record
}

const evaluateAll = (values: Record<string, unknown> | undefined, ctx: Context) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, evaluate(v, ctx)]))

const label = (step: Step) => step.id ?? step.name ?? step.uses ?? 'a step'

interface ScriptResult {
  exitCode: number
  stdout: string
  stderr: string
  env: Record<string, string>
  outputs: Record<string, string>
}

/** A `run:` step as the runner runs it with `shell: bash`. */
function runBash(script: string, env: Record<string, string>, cwd: string): Promise<ScriptResult> {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-run-'))
  const files = { script: join(dir, 'step.sh'), env: join(dir, 'env'), output: join(dir, 'output') }
  writeFileSync(files.script, script)
  writeFileSync(files.env, '')
  writeFileSync(files.output, '')
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        GITHUB_ENV: files.env,
        GITHUB_OUTPUT: files.output
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        exitCode: code ?? -1,
        stdout,
        stderr,
        env: parseFileCommands(files.env),
        outputs: parseFileCommands(files.output)
      })
    )
  })
}

function shellOf(step: Step): string | undefined {
  return step.shell ?? workflow.defaults?.run?.shell
}

/** The scenario file the workflow's emulator step passes to emulator/cli.ts, if any. */
function emulatorScenario(step: Step): ScenarioOverrides | undefined {
  const m = /npx tsx emulator\/cli\.ts(?:[ \t]+([^\s>&|]+))?/.exec(step.run ?? '')
  if (!m) throw new Error(`step ${EMULATOR_STEP} no longer starts emulator/cli.ts`)
  return m[1]
    ? (JSON.parse(readFileSync(new URL(m[1], ROOT), 'utf8')) as ScenarioOverrides)
    : undefined
}

interface JobRun {
  outputs: Record<string, string>
}

async function runJob(
  name: string,
  jobDef: WorkflowJob,
  ctx: Context,
  emu: Emulator,
  emulatorEnv: Record<string, string>
): Promise<JobRun> {
  const job = new Job({
    ...evaluateAll(workflow.env, ctx),
    ...evaluateAll(jobDef.env, ctx),
    ...emulatorEnv
  })
  const ran: { step: Step; main: StepResult }[] = []
  const scripts: { id: string; result: ScriptResult }[] = []
  ctx.steps = {}

  for (const step of jobDef.steps) {
    const id = label(step)
    expect(step.if, `${name}.${id}: this test does not evaluate if:`).toBeUndefined()
    expect(step['working-directory'], `${name}.${id}`).toBeUndefined()
    if (step.id && step.id in HOSTED_RUNNER_SETUP) continue
    if (step.id === EMULATOR_STEP) continue

    if (step.uses === './') {
      const inputs = evaluateAll(step.with, ctx)
      const main = await job.run('main', inputs, evaluateAll(step.env, ctx))
      expect(main.stderr, `${name}.${id}: stderr`).toBe('')
      const outcome = main.exitCode === 0 ? 'success' : 'failure'
      if (outcome === 'failure' && !step['continue-on-error'])
        expect.fail(`${name}.${id} failed, and the job with it:\n${main.log.errors.join('\n')}`)
      if (step.id) ctx.steps[step.id] = { outputs: main.outputs, outcome }
      ran.push({ step, main })
      continue
    }

    if (step.run !== undefined) {
      expect(shellOf(step), `${name}.${id}: shell`).toBe('bash')
      const result = await runBash(
        step.run,
        { ...job.env, ...evaluateAll(step.env, ctx) },
        job.env.GITHUB_WORKSPACE
      )
      const errors = result.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error::'))
        .join('\n')
      expect(result.exitCode, `${name}.${id} failed:\n${errors}\n${result.stderr}`).toBe(0)
      job.setEnv(result.env)
      if (step.id) ctx.steps[step.id] = { outputs: result.outputs, outcome: 'success' }
      scripts.push({ id, result })
      continue
    }
    expect.fail(`${name}.${id}: the test does not know how to run this step (uses: ${step.uses})`)
  }

  // Post steps: for every action step that ran, in reverse order, each with its own inputs and
  // saved state.
  const posts: { step: Step; post: StepResult }[] = []
  for (const { step, main } of [...ran].reverse()) {
    const post = await job.run('post', {}, {}, main)
    expect(post.exitCode, `${name}.${label(step)} (post)`).toBe(0)
    posts.push({ step, post })
  }

  // The leak scan every e2e run ends with: each main and post entry, and the check steps' output.
  for (const { step, main } of ran) {
    const secretOutputs = String(step.with?.['output-credentials']) === 'true' ? SECRET_OUTPUTS : []
    expectNoLeaks(emu, main, { secretOutputs })
  }
  for (const { post } of posts) expectNoLeaks(emu, post)
  for (const { id, result } of scripts) {
    for (const secret of emu.secrets()) {
      expect(result.stdout.includes(secret), `${name}.${id} printed a secret`).toBe(false)
      expect(result.stderr.includes(secret), `${name}.${id} printed a secret`).toBe(false)
    }
  }

  // The runner withholds a job output whose value contains a masked secret.
  const outputs = Object.fromEntries(
    Object.entries(evaluateAll(jobDef.outputs, ctx)).map(([key, value]) => [
      key,
      job.masks.some((m) => m.length > 0 && value.includes(m)) ? '' : value
    ])
  )
  return { outputs }
}

/** Jobs in an order that runs each after the jobs it needs. */
function jobOrder(): string[] {
  const order: string[] = []
  const visit = (name: string) => {
    if (order.includes(name)) return
    const needs = workflow.jobs[name].needs ?? []
    for (const need of Array.isArray(needs) ? needs : [needs]) visit(need)
    order.push(name)
  }
  Object.keys(workflow.jobs).forEach(visit)
  return order
}

describe('.github/workflows/e2e.yml, run on the local runner harness', () => {
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
      const setupIds = Object.keys(HOSTED_RUNNER_SETUP)
      expect(e2e.steps.map((s) => s.id)).toEqual(
        expect.arrayContaining([...setupIds, EMULATOR_STEP])
      )
      const emulatorStep = e2e.steps.find((s) => s.id === EMULATOR_STEP) as Step
      const emu = await startEmulator(emulatorScenario(emulatorStep))
      try {
        const ctx: Context = { steps: {}, needs: {} }
        for (const name of jobOrder()) {
          const jobDef = workflow.jobs[name]
          // Only the e2e job starts the emulator and writes its values to GITHUB_ENV.
          const env = jobDef.steps.some((s) => s.id === EMULATOR_STEP) ? emu.env : {}
          ctx.needs[name] = await runJob(name, jobDef, ctx, emu, env)
        }
        // The workflow's own claims, restated: the masked key stayed in the job, the account id left.
        expect(ctx.needs.masking).toBeDefined()
        expect(ctx.needs.e2e.outputs['access-key-id']).toBe('')
        expect(ctx.needs.e2e.outputs['account-id']).toBe('111122223333')
      } finally {
        await emu.close()
      }
    }
  )
})
