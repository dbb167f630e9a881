import { describe, expect, it } from 'vitest'
import {
  expectRefusedBeforeAnyRequest,
  failure,
  IDENTITY_CENTER,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const VALID = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') }

// Each case: the inputs to change, and what the message must say.
const CASES: [string, Record<string, string>, string][] = [
  ['missing region', { 'aws-region': '' }, 'Input aws-region is required'],
  [
    'region not a code',
    { 'aws-region': 'Europe (Ireland)' },
    'Input aws-region: "Europe (Ireland)" is not an AWS region code; use a code such as us-east-1'
  ],
  ['missing role', { 'role-to-assume': '' }, 'Input role-to-assume is required'],
  [
    'role name instead of ARN',
    { 'role-to-assume': 'deploy' },
    'Input role-to-assume: "deploy" is not an IAM role ARN; give the full ARN'
  ],
  [
    'role ARN of a user',
    { 'role-to-assume': 'arn:aws:iam::111122223333:user/deploy' },
    'is not an IAM role ARN'
  ],
  [
    'role in another partition',
    { 'aws-region': 'cn-north-1' },
    'Input role-to-assume: the role is in partition aws but aws-region cn-north-1 is in aws-cn'
  ],
  [
    'duration too short',
    { 'role-duration-seconds': '899' },
    'Input role-duration-seconds: "899" is out of range; give a whole number of seconds from 900 to 43200'
  ],
  [
    'duration too long',
    { 'role-duration-seconds': '43201' },
    'Input role-duration-seconds: "43201" is out of range'
  ],
  [
    'duration not a number',
    { 'role-duration-seconds': '1h' },
    'Input role-duration-seconds: "1h" is out of range'
  ],
  [
    'session name with a space',
    { 'role-session-name': 'my session' },
    'Input role-session-name: "my session" is not a valid role session name; use 2 to 64 characters'
  ],
  [
    'session name too short',
    { 'role-session-name': 'x' },
    'Input role-session-name: "x" is not a valid role session name'
  ],
  [
    'session name too long',
    { 'role-session-name': 'a'.repeat(65) },
    'is not a valid role session name'
  ],
  [
    'audience with a space',
    { audience: 'sts amazonaws' },
    'Input audience: "sts amazonaws" is not a usable audience'
  ],
  [
    'mask-aws-account-id not boolean',
    { 'mask-aws-account-id': 'yes' },
    'Input mask-aws-account-id: "yes" is not a boolean; use true or false'
  ],
  [
    'output-credentials not boolean',
    { 'output-credentials': '1' },
    'Input output-credentials: "1" is not a boolean'
  ],
  [
    'http-proxy not a proxy URL',
    { 'http-proxy': 'proxy.corp:3128' },
    'Input http-proxy: "proxy.corp:3128" is not a proxy URL; give http://HOST:PORT'
  ],
  [
    'aws-profile with a space',
    { 'aws-profile': 'my profile' },
    'Input aws-profile: "my profile" is not a usable profile name; use 1 to 64 letters'
  ],
  [
    'role-profiles line without =',
    { 'role-profiles': 'build arn:aws:iam::111122223333:role/build-readonly' },
    'Input role-profiles: "build arn:aws:iam::111122223333:role/build-readonly" is not a pair; write one PROFILE = ROLE_ARN per line'
  ],
  [
    'role-profiles with a role name',
    { 'role-profiles': 'build = build-readonly' },
    'Input role-profiles: "build-readonly" is not an IAM role ARN'
  ],
  [
    'role-profiles naming aws-profile again',
    { 'aws-profile': 'deploy', 'role-profiles': `deploy = ${roleArn('build-readonly')}` },
    'Inputs aws-profile and role-profiles: the profile deploy is named more than once'
  ],
  [
    'role-profiles in another partition',
    { 'role-profiles': 'cn = arn:aws-cn:iam::111122223333:role/build' },
    'Input role-profiles: the role arn:aws-cn:iam::111122223333:role/build is in partition aws-cn but aws-region eu-west-1 is in aws'
  ],
  [
    'an Identity Center account outside allowed-account-ids',
    { ...IDENTITY_CENTER, 'allowed-account-ids': '111122223333' },
    'Input identity-center-account-id: 444455556666 is not in allowed-account-ids (111122223333); give an allowed account, or add it there.'
  ],
  [
    'aws-profile with role-profiles but no role-to-assume',
    {
      'role-to-assume': '',
      'aws-profile': 'deploy',
      'role-profiles': `build = ${roleArn('build-readonly')}`
    },
    'Input aws-profile: names the profile of role-to-assume’s credentials, and role-to-assume is empty; give role-to-assume, or put the profile in role-profiles with its role.'
  ],
  [
    'self-refreshing without a profile',
    { 'self-refreshing': 'true' },
    'Input self-refreshing: works through a profile; give aws-profile (or role-profiles) too.'
  ],
  [
    'self-refreshing with role-chaining',
    { 'self-refreshing': 'true', 'aws-profile': 'p', 'role-chaining': 'true' },
    'Input self-refreshing: exchanges a fresh GitHub token with AssumeRoleWithWebIdentity, so not with role-chaining.'
  ],
  [
    'unset-current-credentials not boolean',
    { 'unset-current-credentials': 'on' },
    'Input unset-current-credentials: "on" is not a boolean'
  ]
]

describe('bad input: a clear error, no request, nothing changed', () => {
  const ctx = useEmulator()

  it.each(CASES)('%s', async (_name, change, message) => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', { ...VALID, ...change })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toMatch(/^keyless-aws failed: Invalid input: 1 input\n/)
    expect(failure(main)).toContain(message)
  })

  it('reports every bad input at once', async () => {
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
})
