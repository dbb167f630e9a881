import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../emulator/index.js'
import { inputEnv, readActionMetadata } from '../runner/action-metadata.js'
import { parseFileCommands } from '../runner/file-commands.js'
import type { RefreshSettings } from '../src/publish/self-refreshing.js'
import { benchDir, runnerFiles, timed } from './process.js'

export interface Variant {
  readonly name: string
  readonly args: readonly string[]
  /** The environment for one run; fresh runner files each time. */
  readonly env: () => Record<string, string>
  /** The variant it is measured against, run for run: the least the same work could cost. */
  readonly yardstick: string
}

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const JOB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_ATTEMPT: '1'
}

export function stsInputs(extra: Record<string, string> = {}): Record<string, string> {
  return inputEnv(readActionMetadata(), {
    'aws-region': 'eu-west-1',
    'role-to-assume': ROLE,
    ...extra
  })
}

const IDENTITY_CENTER = {
  'role-to-assume': 'arn:aws:iam::111122223333:role/identity-center-exchange',
  'identity-center-application-arn':
    'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222',
  'identity-center-audience': 'identity-center.octo-org.example',
  'identity-center-account-id': '444455556666',
  'identity-center-role-name': 'DeployAccess'
}
const identityCenterInputs = () => stsInputs(IDENTITY_CENTER)

/** The variants timed against each other: an empty process, the floor, and the action's entries. */
export async function speedVariants(
  emu: Emulator,
  extraEnv: Record<string, string> = {}
): Promise<Variant[]> {
  const mainEnv = () => ({ ...JOB, ...emu.env, ...extraEnv, ...stsInputs(), ...runnerFiles() })
  const identityCenterEnv = () => ({ ...mainEnv(), ...identityCenterInputs() })
  const post = await postEnvironment(mainEnv())
  const EMPTY = 'empty node'
  const FLOOR = 'floor'
  const FLOOR_IC = 'floor (Identity Center)'
  return [
    { name: EMPTY, args: ['-e', '0'], env: () => ({}), yardstick: EMPTY },
    { name: FLOOR, args: ['bench/floor.mjs'], env: mainEnv, yardstick: EMPTY },
    {
      name: FLOOR_IC,
      args: ['bench/floor.mjs', 'identity-center'],
      env: identityCenterEnv,
      yardstick: FLOOR
    },
    { name: 'main (STS)', args: ['dist/main.js'], env: mainEnv, yardstick: FLOOR },
    {
      name: 'post',
      args: ['dist/post.js'],
      env: () => ({ ...JOB, ...post, ...runnerFiles() }),
      yardstick: EMPTY
    },
    {
      name: 'main (Identity Center)',
      args: ['dist/main.js'],
      env: identityCenterEnv,
      yardstick: FLOOR_IC
    },
    // What each refresh of a self-refreshing profile costs: the SDK runs this once per session.
    {
      name: 'credential-process',
      args: ['dist/credential-process.js', refreshSettingsFile()],
      env: () => ({ ...JOB, ...emu.env, ...extraEnv }),
      yardstick: FLOOR
    }
  ]
}

/** The settings file main writes for a self-refreshing profile of ROLE, with the defaults. */
function refreshSettingsFile(): string {
  const settings: RefreshSettings = {
    region: 'eu-west-1',
    roleArn: ROLE,
    audience: 'sts.amazonaws.com',
    sessionName: 'bench',
    durationSeconds: 3600,
    requestTimeoutMs: 10_000,
    maxAttempts: 8,
    proxy: undefined,
    policy: undefined,
    policyArns: []
  }
  const file = join(benchDir, 'refresh.json')
  writeFileSync(file, JSON.stringify(settings))
  return file
}

/** The job environment post sees after one main run: main's inputs, exports and saved state. */
async function postEnvironment(env: Record<string, string>): Promise<Record<string, string>> {
  const main = await timed(['dist/main.js'], env)
  if (main.exitCode !== 0) throw new Error(`main failed: ${main.stdout}`)
  const exported = parseFileCommands(env.GITHUB_ENV)
  const state = parseFileCommands(env.GITHUB_STATE)
  return {
    ...stsInputs(),
    ...exported,
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
  }
}
