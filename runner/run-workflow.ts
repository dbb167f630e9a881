// Runs a workflow file's jobs on the local runner as GitHub's runner would: jobs after the jobs
// they need, `uses: ./` steps through Job (dist/), `run:` steps in bash, `${{ }}` expressions from
// what earlier steps and jobs produced, a failing step failing its job, post entries in reverse
// order, and job outputs withheld when they hold a masked value. What it cannot run as the runner
// would (if:, working-directory:, another shell, another action) it refuses with an error.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { runBashStep } from './bash-step.js'
import type { BashStepResult } from './bash-step.js'
import { Job } from './job.js'
import type { StepResult } from './job.js'
import { evaluateAll } from './workflow-expressions.js'
import type { ExpressionContext } from './workflow-expressions.js'

export interface WorkflowStep {
  readonly id?: string
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, unknown>
  readonly env?: Record<string, unknown>
  readonly if?: unknown
  readonly shell?: string
  readonly 'working-directory'?: string
  readonly 'continue-on-error'?: boolean
}

export interface WorkflowJob {
  readonly needs?: string | string[]
  readonly permissions?: unknown
  readonly env?: Record<string, unknown>
  readonly outputs?: Record<string, string>
  readonly steps: WorkflowStep[]
}

export interface Workflow {
  readonly on: unknown
  readonly permissions?: unknown
  readonly env?: Record<string, unknown>
  readonly defaults?: { run?: { shell?: string } }
  readonly jobs: Record<string, WorkflowJob>
}

/** A step done some other way here (the checkout, the install): what it adds to GITHUB_ENV. */
export interface StandIn {
  /** Why the step is not run: what stands for it. */
  readonly why: string
  readonly env?: Record<string, string>
}

export interface JobRun {
  /** The step that failed the job, and how; undefined when every step succeeded. */
  failure: string | undefined
  /** Each `uses: ./` step with its main entry and, once the job's steps are done, its post. */
  readonly actions: { step: WorkflowStep; main: StepResult; post?: StepResult }[]
  readonly scripts: { id: string; result: BashStepResult }[]
  /** The job's outputs as later jobs get them. */
  readonly outputs: Record<string, string>
}

export function readWorkflow(path: URL): Workflow {
  return parse(readFileSync(path, 'utf8')) as Workflow
}

export const stepLabel = (step: WorkflowStep) => step.id ?? step.name ?? step.uses ?? 'a step'

/**
 * Runs every job, each after those it needs, and returns what each did. A job whose needs did
 * not all succeed is skipped, as on GitHub, and so is absent from the result.
 */
export async function runWorkflow(
  workflow: Workflow,
  standIns: Readonly<Record<string, StandIn>> = {}
): Promise<Record<string, JobRun>> {
  const runs: Record<string, JobRun> = {}
  const ctx: ExpressionContext = { steps: {}, needs: {} }
  for (const name of jobOrder(workflow)) {
    const needs = [workflow.jobs[name].needs ?? []].flat()
    if (!needs.every((need) => runs[need] && !runs[need].failure)) continue
    runs[name] = await runJob(workflow, workflow.jobs[name], ctx, standIns)
    ctx.needs[name] = { outputs: runs[name].outputs }
  }
  return runs
}

async function runJob(
  workflow: Workflow,
  definition: WorkflowJob,
  ctx: ExpressionContext,
  standIns: Readonly<Record<string, StandIn>>
): Promise<JobRun> {
  ctx.steps = {}
  const job = new Job({ ...evaluateAll(workflow.env, ctx), ...evaluateAll(definition.env, ctx) })
  const run: JobRun = {
    failure: undefined,
    actions: [],
    scripts: [],
    outputs: {}
  }
  for (const step of definition.steps) {
    const id = stepLabel(step)
    if (step.if !== undefined) throw new Error(`${id}: runner/ does not evaluate if:`)
    if (step['working-directory'] !== undefined)
      throw new Error(`${id}: runner/ runs every step in the workspace`)
    const standIn = step.id === undefined ? undefined : standIns[step.id]
    if (standIn) {
      job.setEnv(standIn.env ?? {})
      continue
    }
    run.failure = await runStep(workflow, step, job, ctx, run)
    if (run.failure) break
  }
  // Post entries: for every action step that ran, in reverse order, each with its main's inputs
  // and saved state. They run after a failure too.
  for (const action of [...run.actions].reverse()) {
    action.post = await job.run('post', {}, {}, action.main)
    if (action.post.exitCode !== 0)
      run.failure ??= `${stepLabel(action.step)} (post) exited with ${action.post.exitCode}`
  }
  // The runner withholds a job output whose value contains a masked secret.
  for (const [key, value] of Object.entries(evaluateAll(definition.outputs, ctx)))
    run.outputs[key] = job.masks.some((m) => m.length > 0 && value.includes(m)) ? '' : value
  return run
}

/** Runs one step; returns why it failed the job, if it did. */
async function runStep(
  workflow: Workflow,
  step: WorkflowStep,
  job: Job,
  ctx: ExpressionContext,
  run: JobRun
): Promise<string | undefined> {
  const id = stepLabel(step)
  if (step.uses === './') {
    const main = await job.run('main', evaluateAll(step.with, ctx), evaluateAll(step.env, ctx))
    const outcome = main.exitCode === 0 ? 'success' : 'failure'
    if (step.id) ctx.steps[step.id] = { outputs: main.outputs, outcome }
    run.actions.push({ step, main })
    if (outcome === 'failure' && !step['continue-on-error'])
      return `${id} failed:\n${main.log.errors.join('\n')}`
    return undefined
  }
  if (step.run !== undefined) {
    const shell = step.shell ?? workflow.defaults?.run?.shell
    if (shell !== 'bash') throw new Error(`${id}: runner/ runs run: steps in bash, not ${shell}`)
    const result = await runBashStep(
      step.run,
      { ...job.env, ...evaluateAll(step.env, ctx) },
      job.env.GITHUB_WORKSPACE
    )
    job.setEnv(result.env)
    const outcome = result.exitCode === 0 ? 'success' : 'failure'
    if (step.id) ctx.steps[step.id] = { outputs: result.outputs, outcome }
    run.scripts.push({ id, result })
    if (outcome === 'success') return undefined
    const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    return `${id} exited with ${result.exitCode}:\n${errors.join('\n')}\n${result.stderr}`
  }
  throw new Error(`${id}: runner/ does not know how to run this step (uses: ${step.uses})`)
}

/** Jobs in an order that runs each after the jobs it needs. */
function jobOrder(workflow: Workflow): string[] {
  const order: string[] = []
  const visit = (name: string) => {
    if (order.includes(name)) return
    for (const need of [workflow.jobs[name].needs ?? []].flat()) visit(need)
    order.push(name)
  }
  Object.keys(workflow.jobs).forEach(visit)
  return order
}
