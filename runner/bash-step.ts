import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runToEnd } from './child-output.js'
import { parseFileCommands } from './file-commands.js'

export interface BashStepResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  /** What the step wrote to GITHUB_ENV and GITHUB_OUTPUT. */
  readonly env: Record<string, string>
  readonly outputs: Record<string, string>
}

/** A `run:` step as the runner runs it with `shell: bash`. */
export async function runBashStep(
  script: string,
  env: Record<string, string>,
  cwd: string
): Promise<BashStepResult> {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-run-'))
  const files = { script: join(dir, 'step.sh'), env: join(dir, 'env'), output: join(dir, 'output') }
  writeFileSync(files.script, script)
  writeFileSync(files.env, '')
  writeFileSync(files.output, '')
  const run = await runToEnd('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      GITHUB_ENV: files.env,
      GITHUB_OUTPUT: files.output
    }
  })
  return {
    ...run,
    env: parseFileCommands(files.env),
    outputs: parseFileCommands(files.output)
  }
}
