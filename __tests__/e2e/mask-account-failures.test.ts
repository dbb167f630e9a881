import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import {
  ACCOUNT,
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  useEmulator
} from './fixture.js'

const IC_ACCOUNT = '999988887777'
const MASK = { 'mask-aws-account-id': 'true' }

// Failures whose message, hints or summary name an account the inputs gave: the role's (in its
// ARN and the OIDC provider's), and the Identity Center account.
const CASES: [string, Record<string, string>, ScenarioOverrides, string, string[]][] = [
  [
    'a trust mismatch',
    STS_INPUTS,
    { github: { job: { environment: 'production' } } },
    'Trust policy did not accept the token',
    [ACCOUNT]
  ],
  [
    'an audience not registered on the OIDC provider',
    { ...STS_INPUTS, audience: 'api.octo-org.example' },
    {},
    'Audience not registered on the OIDC provider',
    [ACCOUNT]
  ],
  [
    'no OIDC provider in the account',
    STS_INPUTS,
    { aws: { accounts: { [ACCOUNT]: { oidcProviders: [] } } } },
    'No OIDC provider for the issuer',
    [ACCOUNT]
  ],
  [
    'an Identity Center account without an assignment',
    { ...IDENTITY_CENTER, 'identity-center-account-id': IC_ACCOUNT },
    {},
    'No assignment to the account and permission set',
    [IC_ACCOUNT]
  ]
]

describe('mask-aws-account-id holds on failure: the accounts are masked before any request', () => {
  const ctx = useEmulator()

  it.each(CASES)('%s', async (_what, inputs, scenario, problem, accounts) => {
    const { emu } = ctx
    const main = await newJob(emu, scenario).run('main', { ...inputs, ...MASK })
    expectNothingExported(main)
    expect(main.log.annotations.map((a) => a.title)).toEqual([problem])
    // The failure names them (the test is about a message that would show them) …
    for (const account of accounts) expect(failure(main)).toContain(account)
    // … masked before the first request: the first lines of the step are their masks.
    const lines = main.stdout.split('\n')
    const requested = lines.findIndex((l) => l.startsWith('::debug::token: requesting'))
    expect(requested).toBeGreaterThan(0)
    for (const account of accounts) {
      expect(main.log.masks).toContain(account)
      expect(lines.indexOf(`::add-mask::${account}`)).toBeLessThan(requested)
    }
    // So the log, the annotation as the runner shows it, and the summary never show one.
    const shown = main.log.lines.join('\n')
    expect(shown).toContain(`##[error]keyless-aws failed: ${problem}`)
    for (const account of accounts) {
      expect(shown).not.toContain(account)
      expect(main.summary).not.toContain(account)
    }
    expectNoLeaks(emu, main)
  })
})
