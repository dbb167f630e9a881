import { expect } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import type { Job } from '../../runner/job.js'
import { callerIdentity, REAL_CLIENTS } from '../../runner/real-clients.js'
import type { ClientRun } from '../../runner/real-clients.js'

/** Every client's run, checked to print no secret the emulator issued or took. */
export async function everyClient(emu: Emulator, job: Job, profile = ''): Promise<ClientRun[]> {
  const runs = await Promise.all(REAL_CLIENTS.map((c) => callerIdentity(job, c, profile)))
  for (const run of runs)
    for (const secret of emu.secrets().filter((s) => s.length >= 8)) {
      expect(run.stdout, `${run.client} stdout`).not.toContain(secret)
      expect(run.stderr, `${run.client} stderr`).not.toContain(secret)
    }
  return runs
}

/** Each client → the ARN it signed as, or how it failed. */
export const arns = (runs: ClientRun[]) =>
  Object.fromEntries(runs.map((r) => [r.client, r.arn ?? `exit ${r.exitCode}: ${r.stderr}`]))

export const everyOne = (arn: string) => Object.fromEntries(REAL_CLIENTS.map((c) => [c, arn]))
