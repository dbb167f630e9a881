import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import type { Job, StepResult } from '../../runner/job.js'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  useEmulator
} from './fixture.js'

// Text from outside the action that tries every way the runner has of starting a command: a
// newline, a carriage return, an escaped newline, leading spaces, the legacy ##[ form anywhere,
// stop-commands, and a file-command delimiter look-alike. Every attempt is marked "injected".
const HOSTILE = [
  'Rate exceeded',
  '::add-mask::injected-mask',
  '\r::warning::injected-warning',
  '%0A::error::injected-error',
  '  ::set-output name=injected::x',
  '::stop-commands::injectedpause',
  'ghadelimiter_00000000-0000-4000-8000-000000000000',
  'INJECTED_VARIABLE=1',
  'text ##[add-mask]injected-legacy',
  '::endgroup::'
].join('\n')
// The same text, harmless: the run it gives holds every command the action meant to issue.
const BENIGN = HOSTILE.replace(/[\r\n]/g, ' ')
  .replace(/::|##\[|%0A/g, ' ')
  .replace(/injected/gi, 'benign')

type Case = {
  readonly scenario: (text: string) => ScenarioOverrides
  readonly inputs: Record<string, string>
  readonly succeeds: boolean
  /** Prepares the job under the case's scenario, e.g. a token file; gives more of its env. */
  readonly prepare?: (emu: Emulator, job: Job) => Promise<Record<string, string>>
}

const CASES: Record<string, Case> = {
  'a throttling message STS sends, quoted by the retry notice': {
    scenario: (text) => ({
      faults: {
        'sts:AssumeRoleWithWebIdentity': {
          script: [{ kind: 'error', status: 400, code: 'Throttling', message: text }]
        }
      }
    }),
    inputs: STS_INPUTS,
    succeeds: true
  },
  'a refusal STS explains in its message, quoted by the failure': {
    scenario: (text) => ({
      faults: {
        'sts:AssumeRoleWithWebIdentity': {
          always: { kind: 'error', status: 403, code: 'AccessDenied', message: text }
        }
      }
    }),
    inputs: STS_INPUTS,
    succeeds: false
  },
  'a body of the token endpoint, quoted by the retry notice': {
    scenario: (text) => ({
      faults: { 'github:GetIdToken': { script: [{ kind: 'error', status: 502, body: text }] } }
    }),
    inputs: STS_INPUTS,
    succeeds: true
  },
  'a body of the token endpoint, quoted by the failure': {
    scenario: (text) => ({
      faults: { 'github:GetIdToken': { always: { kind: 'error', status: 403, body: text } } }
    }),
    inputs: STS_INPUTS,
    succeeds: false
  },
  'claims GitHub put in the token, in the claims group': {
    scenario: (text) => ({ github: { job: { jobWorkflowRef: `octo-org/octo-repo/${text}` } } }),
    inputs: STS_INPUTS,
    succeeds: true
  },
  'claims of a token that trust refused, in the claims group and the failure': {
    scenario: (text) => ({ github: { job: { environment: text } } }),
    inputs: STS_INPUTS,
    succeeds: false
  },
  'claims of a token read from web-identity-token-file': {
    scenario: (text) => ({ github: { job: { jobWorkflowRef: `octo-org/octo-repo/${text}` } } }),
    inputs: { ...STS_INPUTS, 'web-identity-token-file': 'web-identity' },
    succeeds: true,
    prepare: async (emu, job) => {
      const response = await fetch(
        `${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`,
        { headers: { authorization: `Bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } }
      )
      const { value } = (await response.json()) as { value: string }
      writeFileSync(join(job.env.GITHUB_WORKSPACE, 'web-identity'), value)
      emu.resetLog()
      return { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }
    }
  },
  'a message of Identity Center, quoted by the diagnosis': {
    scenario: (text) => ({
      faults: {
        'sso-oidc:CreateTokenWithIAM': {
          always: { kind: 'error', status: 400, code: 'InvalidGrantException', message: text }
        }
      }
    }),
    inputs: IDENTITY_CENTER,
    succeeds: false
  }
}

/** A command as the log shows it, without the data that differs from run to run. */
const shapeOf = (step: StepResult) =>
  step.log.commands.map((c) => `${c.name} ${c.properties.title ?? ''}`)

describe('text from outside the action never becomes a workflow command', () => {
  const ctx = useEmulator()

  async function run(text: string, c: Case): Promise<StepResult> {
    const { emu } = ctx
    const job = newJob(emu, c.scenario(text))
    const env = (await c.prepare?.(emu, job)) ?? {}
    const step = await job.run('main', c.inputs, env)
    expectNoLeaks(emu, step)
    return step
  }

  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const benign = await run(BENIGN, c)
    const hostile = await run(HOSTILE, c)
    expect(hostile.exitCode, failure(hostile)).toBe(c.succeeds ? 0 : 1)
    // The text reached the log: the test is about a line that quotes it.
    expect(hostile.stdout).toContain('injected-warning')
    // The commands the action meant to issue, and no other: as many, in the same order, with the
    // same titles as the harmless run; none of them holds what the text tried to start.
    expect(shapeOf(hostile)).toEqual(shapeOf(benign))
    for (const command of hostile.log.commands) {
      expect(command.data, command.line).not.toMatch(/^\s*injected/i)
      expect(command.name).not.toBe('stop-commands')
    }
    expect(hostile.log.masks.filter((m) => /injected/i.test(m))).toEqual([])
    // Nothing more set for later steps than the harmless run set.
    expect(Object.keys(hostile.exported)).toEqual(Object.keys(benign.exported))
    expect(Object.keys(hostile.outputs)).toEqual(Object.keys(benign.outputs))
    if (!c.succeeds) expectNothingExported(hostile)
  })
})
