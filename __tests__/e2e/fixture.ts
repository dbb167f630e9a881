import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator, EmulatorOptions, ScenarioOverrides } from '../../emulator/index.js'
import { existsSync, lstatSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { STATE_KEYS } from '../../src/state/keys.js'
import { Job, runScript } from '../../runner/job.js'
import type { ScriptResult, StepResult } from '../../runner/job.js'
import { findLateMasks, findLeaks } from '../../runner/leak-scan.js'
import type { LeakScanOptions } from '../../runner/leak-scan.js'

import { ACCOUNT, CHAIN_FROM, roleArn } from '../job-inputs.js'

export {
  ACCOUNT,
  CHAINED,
  CHAIN_FROM,
  IDENTITY_CENTER,
  IDENTITY_ENHANCED,
  STS_INPUTS,
  roleArn
} from '../job-inputs.js'
/** The session ARN STS gives a role assumed under the default session name of the test job. */
export const sessionArn = (role: string) =>
  `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/octo-org.octo-repo-1234567890-1`

/** One emulator per test file, reset to the default scenario before each test. */
export function useEmulator(options?: () => Promise<EmulatorOptions>): { readonly emu: Emulator } {
  const holder = {} as { emu: Emulator }
  beforeAll(async () => {
    holder.emu = await startEmulator(undefined, await options?.())
  })
  beforeEach(() => {
    holder.emu.setScenario({})
    holder.emu.resetLog()
  })
  afterAll(async () => holder.emu?.close())
  return holder
}

export function newJob(
  emu: Emulator,
  scenario?: ScenarioOverrides,
  env: Record<string, string> = {}
): Job {
  if (scenario) emu.setScenario(scenario)
  return new Job({ ...emu.env, ...env })
}

/** A job whose first step has assumed CHAIN_FROM's role: ready for a chained step (CHAINED). */
export async function afterFirstChainStep(
  emu: Emulator,
  scenario?: ScenarioOverrides,
  env: Record<string, string> = {}
): Promise<Job> {
  const job = newJob(emu, scenario, env)
  expect((await job.run('main', CHAIN_FROM)).exitCode).toBe(0)
  return job
}

/** chained-target trusting the first role for sts:AssumeRole, with its external id, not for sts:TagSession. */
export const TRUSTS_WITHOUT_TAGS: ScenarioOverrides = {
  aws: {
    accounts: {
      [ACCOUNT]: {
        roles: {
          'chained-target': {
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: roleArn('deploy') },
                  Action: 'sts:AssumeRole',
                  Condition: { StringEquals: { 'sts:ExternalId': 'octo-external-id' } }
                }
              ]
            }
          }
        }
      }
    }
  }
}

/**
 * The leak scan every e2e run ends with: every secret the emulator issued or took (the runner's
 * request token), and any the test gave the action itself, in every place; and every value the
 * step masked, masked before it printed or exported it.
 */
export function expectNoLeaks(
  emu: Emulator,
  step: StepResult,
  options: LeakScanOptions & { readonly moreSecrets?: readonly string[] } = {}
): void {
  const secrets = [...emu.secrets(), ...(options.moreSecrets ?? [])]
  const scan = { ...options, issuedCredentials: emu.issued.credentials }
  expect([...findLeaks(step, secrets, scan), ...findLateMasks(step)]).toEqual([])
}

export function expectNothingExported(step: StepResult): void {
  expect(step.exitCode).not.toBe(0)
  expect(step.files.env).toBe('')
  expect(step.files.output).toBe('')
  expect(step.state).toEqual(identityCenterRecordOnly(step))
}

/**
 * What state holds after a failure: nothing, but on the Identity Center path once the STS hop has
 * succeeded, main records the session and its token file before it asks for the token (so that
 * no kill at a write can leave a session post cannot sign out), after the directory it is in.
 * Then that record is all state holds, and the token's file is not on disk: no token came, or main signed out and deleted it.
 */
function identityCenterRecordOnly(step: StepResult): Record<string, unknown> {
  const session = step.state[STATE_KEYS.identityCenterSession]
  if (!step.inputEnv['INPUT_IDENTITY-CENTER-APPLICATION-ARN'] || session === undefined) return {}
  const { tokenFile } = JSON.parse(session) as { tokenFile: string }
  expect(existsSync(tokenFile)).toBe(false)
  return {
    [STATE_KEYS.ownDirectory]: JSON.stringify({
      dir: dirname(tokenFile),
      dev: String(lstatSync(dirname(tokenFile), { bigint: true }).dev),
      ino: String(lstatSync(dirname(tokenFile), { bigint: true }).ino)
    }),
    [STATE_KEYS.writtenFiles]: JSON.stringify([tokenFile]),
    [STATE_KEYS.identityCenterSession]: session
  }
}

/** Bad input or a missing prerequisite: refused before any request, nothing changed or leaked. */
export function expectRefusedBeforeAnyRequest(
  emu: Emulator,
  step: StepResult,
  options?: Parameters<typeof expectNoLeaks>[2]
): void {
  expectNothingExported(step)
  expect(emu.log).toEqual([])
  expectNoLeaks(emu, step, options)
}

/** The failure message the step reported, as one text. */
export const failure = (step: StepResult) => step.log.errors.join('\n')

export const requestsTo = (emu: Emulator, service: string) =>
  emu.log.filter((r) => r.service === service)

/** The credentials the emulator issued last (it keeps all it issued, for the leak scan). */
export const latestCredentials = (emu: Emulator) => {
  const last = emu.issued.credentials.at(-1)
  if (!last) throw new Error('the emulator issued no credentials')
  return last
}

const CONSUMER = fileURLToPath(new URL('../../runner/aws-consumer.mjs', import.meta.url))

/** A later step that reads the profile with the AWS SDK, as a user's tool would. */
export async function consume(
  emu: Emulator,
  job: Job,
  how: 'ini' | 'process' | 'chain',
  profile = ''
): Promise<ScriptResult & { arn?: string }> {
  const result = await runScript(job, CONSUMER, [how, profile])
  // Whatever the consumer printed must hold no secret either.
  for (const secret of emu.secrets().filter((s) => s.length >= 8)) {
    expect(result.stdout).not.toContain(secret)
    expect(result.stderr).not.toContain(secret)
  }
  const arn = result.exitCode === 0 ? (JSON.parse(result.stdout) as { arn: string }).arn : undefined
  return { ...result, arn }
}
