import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import type { LeakScanOptions } from '../../runner/leak-scan.js'
import type { StepResult } from '../../runner/job.js'
import {
  IDENTITY_CENTER,
  IDENTITY_ENHANCED,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

// Every way the runner has of starting a command or a file-command entry, one per line: an
// escaped newline and carriage return, stop-commands, add-mask, the legacy ##[ form, heredoc
// delimiter look-alikes, and a NAME=value line. Every attempt is marked "injected".
const LINES = [
  'x',
  '%0A::warning::injected-warning',
  '%0D::error::injected-error',
  '::stop-commands::x',
  '::add-mask::injected-mask',
  '##[set-output name=x]injected-output',
  'ghadelimiter_00000000-0000-4000-8000-000000000000',
  'EOF',
  'INJECTED_VARIABLE=1',
  '\r::set-output name=injected::x'
]
const HOSTILE = {
  'over many lines': LINES.join('\n'),
  // On one line, so that an input that refuses a newline still meets the rest.
  'on one line': LINES.join(' ').replace(/\r/g, ''),
  // Without spaces: what an input of printable characters without spaces (an audience) takes.
  'without spaces': LINES.join('').replace(/[\r ]/g, ''),
  // Valid as a session or profile name: it must arrive as it is.
  'a delimiter look-alike': 'ghadelimiter_00000000-0000-4000-8000-000000000000',
  EOF: 'EOF'
}
/** The same text, harmless: what a run of the twin does is what the action meant to do. */
const harmless = (text: string) =>
  text
    .replace(/\r/g, '')
    .replace(/::|##\[|%0A|%0D/g, '-')
    .replace(/ghadelimiter_/g, 'benign-')
    .replace(/EOF/g, 'end')
    .replace(/injected/gi, 'benign')

type Case = {
  readonly base: Record<string, string>
  /** The input's value around the text: the text alone, or inside a value that is valid. */
  readonly value?: (text: string) => string
  /** Where the value goes when the input takes it: it must arrive there as it was given. */
  readonly arrives?: (emu: Emulator, step: StepResult, value: string, idTokens: string[]) => void
  readonly scan?: LeakScanOptions
}

const audiences = (tokens: readonly string[]) => tokens.map((t) => decodeJwt(t).aud)
const configFile = (step: StepResult) =>
  Object.entries(step.filesWritten).find(([path]) => /config-/.test(path))?.[1] ?? ''

const policy = (text: string) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: text.split('\n').map((l) => `arn:aws:s3:::b/${l}`)
        }
      ]
    },
    null,
    2
  )

// Every input of action.yml that takes text rather than a number, a boolean or one of a list.
const INPUTS: Record<string, Case> = {
  'aws-region': { base: STS_INPUTS },
  'role-to-assume': { base: STS_INPUTS },
  'role-session-name': {
    base: STS_INPUTS,
    arrives: (emu, step, value) => {
      expect(latestCredentials(emu).assumedRoleArn.endsWith(`/${value}`)).toBe(true)
      expect(step.outputs['authenticated-arn']).toBe(latestCredentials(emu).assumedRoleArn)
    }
  },
  // The audience is checked by AWS, not by the action: it arrives at GitHub, in the token.
  audience: {
    base: STS_INPUTS,
    arrives: (_emu, _step, value, idTokens) => expect(audiences(idTokens)).toEqual([value])
  },
  'inline-session-policy': {
    base: STS_INPUTS,
    value: policy,
    arrives: (emu, _step, value) =>
      expect(JSON.parse(latestCredentials(emu).sessionPolicy ?? '')).toEqual(JSON.parse(value))
  },
  'managed-session-policies': {
    base: STS_INPUTS,
    value: (t) =>
      t
        .split('\n')
        .map((l) => `arn:aws:iam::aws:policy/${l}`)
        .join('\n'),
    arrives: (emu, _step, value) =>
      expect(latestCredentials(emu).policyArns).toEqual(value.split('\n'))
  },
  'role-profiles': {
    base: STS_INPUTS,
    value: (t) =>
      t
        .split('\n')
        .map((l) => `${l} = ${roleArn('build-readonly')}`)
        .join('\n'),
    arrives: (_emu, step, value) =>
      expect(configFile(step)).toContain(`[profile ${value.split(' = ')[0]}]`)
  },
  'aws-profile': {
    base: STS_INPUTS,
    arrives: (_emu, step, value) => expect(configFile(step)).toContain(`[profile ${value}]`)
  },
  'allowed-account-ids': { base: STS_INPUTS },
  'web-identity-token-file': { base: STS_INPUTS },
  'trust-policy-file': { base: STS_INPUTS },
  'role-external-id': { base: STS_INPUTS },
  'http-proxy': { base: STS_INPUTS },
  'no-proxy': { base: STS_INPUTS },
  'sts-endpoint': { base: STS_INPUTS },
  'web-identity-token-audience': {
    base: STS_INPUTS,
    arrives: (_emu, step, value) =>
      expect(decodeJwt(step.outputs['web-identity-token']).aud).toEqual(value),
    scan: { secretOutputs: ['web-identity-token'] }
  },
  'web-identity-token-tags': {
    base: { ...STS_INPUTS, 'web-identity-token-audience': 'https://api.example.com' },
    value: (t) =>
      t
        .split('\n')
        .map((l) => `k=${l}`)
        .join('\n'),
    arrives: (_emu, step, value) =>
      expect(JSON.stringify(decodeJwt(step.outputs['web-identity-token']))).toContain(
        JSON.stringify(value.slice('k='.length))
      ),
    scan: { secretOutputs: ['web-identity-token'] }
  },
  'identity-center-application-arn': { base: IDENTITY_CENTER },
  'identity-center-audience': {
    base: IDENTITY_CENTER,
    arrives: (_emu, _step, value, idTokens) => expect(audiences(idTokens)).toContain(value)
  },
  'identity-center-region': { base: IDENTITY_CENTER },
  'identity-center-account-id': { base: IDENTITY_CENTER },
  'identity-center-role-name': { base: IDENTITY_CENTER },
  'identity-enhanced-role': { base: IDENTITY_ENHANCED }
}

/** A command as the log shows it, without the data that differs from run to run. */
const shapeOf = (step: StepResult) =>
  step.log.commands.map((c) => `${c.name} ${c.properties.title ?? ''}`)

const CASES = Object.entries(INPUTS).flatMap(([input, c]) =>
  Object.entries(HOSTILE).map(([form, text]) => [input, form, c, text] as const)
)

describe('free text in an input never becomes a variable, an output, state or a command', () => {
  const ctx = useEmulator()

  async function run(c: Case, input: string, text: string): Promise<StepResult> {
    const { emu } = ctx
    const job = newJob(emu)
    const step = await job.run('main', { ...c.base, [input]: (c.value ?? ((t) => t))(text) })
    expectNoLeaks(emu, step, c.scan)
    return step
  }

  it.each(CASES)('%s, %s', async (input, _form, c, text) => {
    const issuedBefore = ctx.emu.issued.idTokens.length
    const hostile = await run(c, input, text)
    const value = (c.value ?? ((t) => t))(text)
    // Whatever became of the step, nothing the text tried to start was started.
    for (const command of hostile.log.commands) {
      expect(command.data, command.line).not.toMatch(/^\s*injected/i)
      expect(command.name, command.line).not.toMatch(/^(stop-commands|set-output)$/)
    }
    expect(hostile.log.masks.filter((m) => /injected/i.test(m))).toEqual([])
    for (const files of [hostile.exported, hostile.outputs, hostile.state])
      expect(Object.keys(files).filter((k) => /injected|^x$|EOF|ghadelimiter/i.test(k))).toEqual([])
    // Checked only where the request got that far: a refused input sends nothing.
    if (c.arrives && (hostile.exitCode === 0 || !/Invalid input/.test(failure(hostile))))
      c.arrives(ctx.emu, hostile, value, ctx.emu.issued.idTokens.slice(issuedBefore))
    if (hostile.exitCode !== 0) {
      expectNothingExported(hostile)
      expect(failure(hostile)).toContain(input)
      return
    }
    const twin = await run(c, input, harmless(text))
    expect(twin.exitCode, failure(twin)).toBe(0)
    expect(shapeOf(hostile)).toEqual(shapeOf(twin))
    expect(Object.keys(hostile.exported)).toEqual(Object.keys(twin.exported))
    expect(Object.keys(hostile.outputs)).toEqual(Object.keys(twin.outputs))
    expect(Object.keys(hostile.state)).toEqual(Object.keys(twin.state))
  })
})
