import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24 } from './node24.js'

const COMMAND = fileURLToPath(new URL('../dist/check-trust.js', import.meta.url))

export interface CommandResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  /** The checkout the command ran in. */
  readonly dir: string
}

/**
 * Runs the bundled check-trust command as a person or a CI step would: in a checkout holding
 * `files` (path → text), with only PATH and the given variables in its environment.
 */
export async function runCheckTrustCommand(
  files: Readonly<Record<string, string>>,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {}
): Promise<CommandResult> {
  const dir = mkdtempSync(join(tmpdir(), 'check-trust-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return new Promise((resolve, reject) => {
    const child = spawn(node24(), [COMMAND, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr, dir }))
  })
}
