import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24 } from '../runner/node24.js'

export interface Timed {
  readonly ms: number
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

export interface Trace {
  readonly maxRssKiB: number
  /** User and system CPU time of the whole process. */
  readonly cpuMs: number
  readonly files: string[]
}

/** Where the bench writes its runner files and settings. */
export const benchDir = mkdtempSync(join(tmpdir(), 'keyless-bench-'))
let n = 0

/** Fresh GITHUB_ENV / OUTPUT / STATE / STEP_SUMMARY files for one run. */
export function runnerFiles(): Record<string, string> {
  const files = {
    GITHUB_ENV: join(benchDir, `env-${++n}`),
    GITHUB_OUTPUT: join(benchDir, `output-${n}`),
    GITHUB_STATE: join(benchDir, `state-${n}`),
    GITHUB_STEP_SUMMARY: join(benchDir, `summary-${n}`)
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  return files
}

/** Wall time from spawn to exit of one Node 24 process, as the runner would start it. */
export function timed(args: readonly string[], env: Record<string, string>): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(node24(), args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ ms: performance.now() - started, exitCode: code ?? -1, stdout, stderr })
    )
  })
}

/** One extra, untimed run with the tracing preload: peak memory, CPU time and the files loaded. */
export async function traced(args: readonly string[], env: Record<string, string>): Promise<Trace> {
  const out = join(benchDir, `trace-${++n}.json`)
  const preload = new URL('./trace.mjs', import.meta.url).href
  const run = await timed(['--import', preload, ...args], { ...env, BENCH_TRACE: out })
  if (run.exitCode !== 0) throw new Error(`traced run failed: ${run.stdout}${run.stderr}`)
  return JSON.parse(readFileSync(out, 'utf8')) as Trace
}
