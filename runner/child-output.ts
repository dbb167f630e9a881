import { spawn } from 'node:child_process'
import type { SpawnOptions } from 'node:child_process'

export interface ChildOutput {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a process to its end and collects what it printed, as the runner's log does. */
export function runToEnd(
  command: string,
  args: readonly string[],
  options: SpawnOptions
): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }))
  })
}
