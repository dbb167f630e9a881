import { runToEnd } from './child-output.js'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { inputEnv, readActionMetadata } from './action-metadata.js'
import { parseFileCommands, readFileCommandTrace, readText } from './file-commands.js'
import type { FileCommandWrite } from './file-commands.js'
import { node24 } from './node24.js'
import { stateVariable } from '../src/state/keys.js'
import { reachableBy } from './step-user.js'
import type { StepUser } from './step-user.js'
import { readStepLog } from './workflow-commands.js'
import type { StepLog } from './workflow-commands.js'

export type Entry = 'main' | 'post'

export interface StepResult {
  readonly entry: Entry
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  readonly log: StepLog
  /** What the step wrote to GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, and the raw files' text. */
  readonly exported: Record<string, string>
  readonly outputs: Record<string, string>
  readonly state: Record<string, string>
  readonly summary: string
  readonly files: { env: string; output: string; state: string }
  /** Every write to those files, in order, each with the number of stdout lines before it. */
  readonly fileCommands: readonly FileCommandWrite[]
  /** The environment the step started with. */
  readonly envBefore: Readonly<Record<string, string>>
  /** The step's inputs as the runner passes them (INPUT_*, defaults applied); post gets main's. */
  readonly inputEnv: Readonly<Record<string, string>>
  /** What the runner masks once the step has ended: the step's own masks and earlier steps'. */
  readonly masksInForce: readonly string[]
  /** Files the step created or changed under RUNNER_TEMP, the workspace and HOME: path → text. */
  readonly filesWritten: Readonly<Record<string, string>>
  /** With listWrites: each write to a file, in order, as "N target". */
  readonly writes: readonly string[]
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const preload = (root: string, name: string) => pathToFileURL(join(root, 'runner', name)).href

/** What a test does to the next step from outside, as a runner in trouble would. */
export interface StepInjection {
  /** Kills the step with SIGKILL right after its N-th write to a file (1 is the first). */
  readonly killAfterWrites?: number
  /** Lists every write of the step to a file, for `writes` of the result. */
  readonly listWrites?: boolean
  /** This file command's file is a directory, so every write to it fails. */
  readonly brokenFileCommand?: 'ENV' | 'OUTPUT'
  /** Runs the step as this user (see step-user.ts), not as the one running the tests. */
  readonly asUser?: StepUser
}

/**
 * A job on a local runner: steps share the job's environment, which each step's GITHUB_ENV
 * writes change; the post entry gets the main entry's inputs, and its saved state as STATE_*
 * variables.
 */
export class Job {
  readonly env: Record<string, string>
  readonly dir: string
  readonly masks: string[] = []
  #lastMain: StepResult | undefined
  #step = 0
  #injection: StepInjection = {}

  constructor(env: Record<string, string>) {
    this.dir = mkdtempSync(join(tmpdir(), 'keyless-job-'))
    mkdirSync(join(this.dir, 'temp'))
    mkdirSync(join(this.dir, 'workspace'))
    // A home of its own, so no step (nor the SDK a later step runs) reads the developer's ~/.aws.
    mkdirSync(join(this.dir, 'home'))
    this.env = {
      HOME: join(this.dir, 'home'),
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_ATTEMPT: '1',
      RUNNER_TEMP: join(this.dir, 'temp'),
      GITHUB_WORKSPACE: join(this.dir, 'workspace'),
      ...env
    }
  }

  /** Applies to the next step only. */
  injectInNextStep(injection: StepInjection): void {
    this.#injection = injection
  }

  /** A step that is not this action, e.g. one that exported credentials earlier in the job. */
  setEnv(values: Record<string, string>): void {
    Object.assign(this.env, values)
  }

  async run(
    entry: Entry,
    inputs: Record<string, string> = {},
    extraEnv: Record<string, string> = {},
    /** For post: the main step whose inputs and state it gets; the last one by default. */
    of?: StepResult
  ): Promise<StepResult> {
    if (entry === 'post' && Object.keys(inputs).length > 0) {
      throw new Error('post runs with the inputs of its main step, as on the runner; give none')
    }
    const main = entry === 'post' ? (of ?? this.#lastMain) : undefined
    const stepInputs = main ? main.inputEnv : inputEnv(readActionMetadata(), inputs)
    const n = ++this.#step
    const files = {
      env: join(this.dir, `env-${n}`),
      output: join(this.dir, `output-${n}`),
      state: join(this.dir, `state-${n}`),
      summary: join(this.dir, `summary-${n}`)
    }
    for (const f of Object.values(files)) writeFileSync(f, '')
    const injection = this.#injection
    this.#injection = {}
    const broken = injection.brokenFileCommand
    if (broken) {
      const path = broken === 'ENV' ? files.env : files.output
      rmSync(path)
      mkdirSync(path)
    }
    const writeList = join(this.dir, `writes-${n}`)
    const injected = {
      ...(injection.killAfterWrites
        ? { KEYLESS_RUNNER_KILL_AFTER_WRITES: String(injection.killAfterWrites) }
        : {}),
      ...(injection.listWrites ? { KEYLESS_RUNNER_WRITE_LIST: writeList } : {})
    }
    const trace = join(this.dir, `trace-${n}`)
    const stateEnv = Object.fromEntries(
      Object.entries(main?.state ?? {}).map(([k, v]) => [stateVariable(k), v])
    )
    const envBefore = { ...this.env, ...stepInputs, ...stateEnv, ...extraEnv }
    const env = {
      PATH: process.env.PATH ?? '',
      ...envBefore,
      GITHUB_ENV: files.env,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary
    }
    const user = injection.asUser
    for (const f of user ? [trace, writeList] : []) writeFileSync(f, '')
    const { root, node } = user
      ? reachableBy(user, ROOT, this.dir, [...Object.values(files), trace, writeList])
      : { root: ROOT, node: node24() }
    const before = this.#snapshot()
    const { exitCode, stdout, stderr } = await runToEnd(
      node,
      [
        ...['--import', preload(root, 'file-command-trace.mjs')],
        ...(Object.keys(injected).length ? ['--import', preload(root, 'write-injector.mjs')] : []),
        join(root, 'dist', `${entry}.js`)
      ],
      {
        env: { ...env, ...injected, KEYLESS_RUNNER_TRACE: trace },
        cwd: this.env.GITHUB_WORKSPACE,
        ...user
      }
    )
    // The runner shows ::debug:: lines when step debug logging is on, which sets RUNNER_DEBUG=1.
    const log = readStepLog(stdout, this.masks, { debugMode: envBefore.RUNNER_DEBUG === '1' })
    this.masks.push(...log.masks)
    const exported = parseFileCommands(files.env)
    const state = parseFileCommands(files.state)
    Object.assign(this.env, exported)
    const result: StepResult = {
      entry,
      exitCode,
      stdout,
      stderr,
      log,
      exported,
      outputs: parseFileCommands(files.output),
      state,
      summary: readText(files.summary),
      files: {
        env: readText(files.env),
        output: readText(files.output),
        state: readText(files.state)
      },
      fileCommands: readFileCommandTrace(trace),
      envBefore,
      inputEnv: stepInputs,
      masksInForce: [...this.masks],
      filesWritten: Object.fromEntries(
        [...this.#snapshot()].filter(([path, text]) => before.get(path) !== text)
      ),
      writes: readText(writeList).split('\n').filter(Boolean)
    }
    if (entry === 'main') this.#lastMain = result
    return result
  }

  /** Every file a step could write to: the job's temp directory, workspace and home. */
  #snapshot(): Map<string, string> {
    const files = new Map<string, string>()
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (entry.isFile() && statSync(path).size < 1 << 20)
          files.set(path, readFileSync(path, 'utf8'))
      }
    }
    for (const dir of [this.env.RUNNER_TEMP, this.env.GITHUB_WORKSPACE, this.env.HOME]) walk(dir)
    return files
  }
}

export interface ScriptResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** A later `run:` step of the job: a node script with the job's environment as it is now. */
export function runScript(job: Job, script: string, args: string[]): Promise<ScriptResult> {
  const env = { PATH: process.env.PATH ?? '', ...job.env }
  return runToEnd(node24(), [script, ...args], { env, cwd: job.env.GITHUB_WORKSPACE })
}
