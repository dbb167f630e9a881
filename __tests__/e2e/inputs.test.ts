// Bad input stops the bundled step before any request, on each path. What each message says is
// the table in unit/config-refusals.test.ts; here a few of its rows run through dist/.
import { describe, expect, it } from 'vitest'
import {
  expectRefusedBeforeAnyRequest,
  failure,
  IDENTITY_CENTER,
  newJob,
  roleArn,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const LONG_LIVED_KEYS = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

// Each case: the inputs of the step, and what its one problem must say.
const CASES: [string, Record<string, string>, string][] = [
  [
    'Identity Center: an audience equal to the STS one',
    { ...IDENTITY_CENTER, 'identity-center-audience': 'sts.amazonaws.com' },
    'Input identity-center-audience: equals audience ("sts.amazonaws.com")'
  ],
  [
    'role chaining: a session over one hour',
    {
      ...STS_INPUTS,
      'role-to-assume': roleArn('chained-target'),
      'role-chaining': 'true',
      'role-duration-seconds': '7200'
    },
    'Input role-duration-seconds: 7200 is longer than AWS allows for role chaining; give at most 3600.'
  ],
  [
    'profiles: role-profiles naming aws-profile again',
    {
      ...STS_INPUTS,
      'aws-profile': 'deploy',
      'role-profiles': `deploy = ${roleArn('build-readonly')}`
    },
    'Inputs aws-profile and role-profiles: the profile deploy is named more than once'
  ],
  [
    'configure-aws-credentials’ force-skip-oidc on the OIDC path: refused, naming the alternatives',
    { ...STS_INPUTS, 'force-skip-oidc': 'true' },
    'Input force-skip-oidc: keyless-aws does not take it; credentials come from the job’s OIDC token unless web-identity-token-file names another token'
  ],
  [
    'static keys: refused with the way to OIDC, and not shown',
    { ...STS_INPUTS, ...LONG_LIVED_KEYS },
    'Input aws-access-key-id, aws-secret-access-key: keyless-aws takes no long-lived AWS keys.'
  ]
]

describe('bad input: a clear error, no request, nothing changed', () => {
  const ctx = useEmulator()

  it('STS: reports every bad input at once', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      'aws-region': 'nowhere',
      'role-to-assume': 'x',
      'output-credentials': 'maybe'
    })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(/^keyless-aws failed: Invalid input: 3 inputs\n/)
    for (const input of ['aws-region', 'role-to-assume', 'output-credentials'])
      expect(failure(main)).toContain(`Input ${input}:`)
  })

  it.each(CASES)('%s', async (_name, inputs, message) => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', inputs)
    // The keys the step was given are secrets too: in no log line, file or output.
    expectRefusedBeforeAnyRequest(emu, main, { moreSecrets: Object.values(LONG_LIVED_KEYS) })
    expect(failure(main)).toMatch(/^keyless-aws failed: Invalid input: 1 input\n/)
    expect(failure(main)).toContain(message)
  })
})
