// Every input readConfig refuses, one row each: the message names the input, what was wrong and
// what is accepted. The inputs reach readConfig as the runner passes them (INPUT_*, action.yml's
// defaults applied), so a row here stands for a run of the bundle; e2e/inputs.test.ts runs a few of
// them through dist/ to show that a refusal stops the step before any request.
import { describe, expect, it } from 'vitest'
import { inputEnv, readActionMetadata } from '../../runner/action-metadata.js'
import { readConfig } from '../../src/config/index.js'
import { describeFailure, InputError } from '../../src/errors/index.js'
import { IDENTITY_CENTER, IDENTITY_ENHANCED, STS_INPUTS, roleArn } from '../job-inputs.js'

const STS = STS_INPUTS
const CHAINED = {
  ...STS,
  'role-to-assume': roleArn('chained-target'),
  'role-chaining': 'true',
  'role-external-id': 'octo-external-id'
}
const OUTBOUND = {
  ...STS,
  'web-identity-token-audience': 'https://api.vendor.example',
  'web-identity-token-tags': 'team=payments\nstage=prod'
}
const TOKEN_FILE = { ...STS, 'web-identity-token-file': 'tokens/web-identity' }

/** The environment the runner gives every step of the test job, apart from the inputs. */
const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKSPACE: '/home/runner/work/octo-repo/octo-repo',
  RUNNER_TEMP: '/home/runner/work/_temp'
}
const metadata = readActionMetadata()

/** What the step would report for these inputs: the failure text, and each problem line. */
async function refusal(
  inputs: Record<string, string>
): Promise<{ text: string; problems: readonly string[] }> {
  try {
    await readConfig({ ...RUNNER_ENV, ...inputEnv(metadata, inputs) })
  } catch (err) {
    if (err instanceof InputError) return { text: describeFailure(err), problems: err.explanation }
    throw err
  }
  throw new Error('readConfig accepted the inputs')
}

// Each row: the inputs of a run, and what the one problem it reports must say.
const ROWS: [string, Record<string, string>, string | string[]][] = [
  // The STS path
  ['missing region', { ...STS, 'aws-region': '' }, 'Input aws-region is required'],
  [
    'region not a code',
    { ...STS, 'aws-region': 'Europe (Ireland)' },
    'Input aws-region: "Europe (Ireland)" is not an AWS region code; use a code such as us-east-1'
  ],
  ['missing role', { ...STS, 'role-to-assume': '' }, 'Input role-to-assume is required'],
  [
    'role name instead of ARN',
    { ...STS, 'role-to-assume': 'deploy' },
    'Input role-to-assume: "deploy" is not an IAM role ARN; give the full ARN'
  ],
  [
    'role ARN of a user',
    { ...STS, 'role-to-assume': 'arn:aws:iam::111122223333:user/deploy' },
    'is not an IAM role ARN'
  ],
  [
    'role in another partition',
    { ...STS, 'aws-region': 'cn-north-1' },
    'Input role-to-assume: the role is in partition aws but aws-region cn-north-1 is in aws-cn'
  ],
  [
    'duration too short',
    { ...STS, 'role-duration-seconds': '899' },
    'Input role-duration-seconds: "899" is out of range; give a whole number of seconds from 900 to 43200'
  ],
  [
    'duration too long',
    { ...STS, 'role-duration-seconds': '43201' },
    'Input role-duration-seconds: "43201" is out of range'
  ],
  [
    'duration not a number',
    { ...STS, 'role-duration-seconds': '1h' },
    'Input role-duration-seconds: "1h" is out of range'
  ],
  [
    'session name with a space',
    { ...STS, 'role-session-name': 'my session' },
    'Input role-session-name: "my session" is not a valid role session name; use 2 to 64 characters'
  ],
  [
    'session name too short',
    { ...STS, 'role-session-name': 'x' },
    'Input role-session-name: "x" is not a valid role session name'
  ],
  [
    'session name too long',
    { ...STS, 'role-session-name': 'a'.repeat(65) },
    'is not a valid role session name'
  ],
  [
    'audience with a space',
    { ...STS, audience: 'sts amazonaws' },
    'Input audience: "sts amazonaws" is not a usable audience'
  ],
  [
    'mask-aws-account-id not boolean',
    { ...STS, 'mask-aws-account-id': 'yes' },
    'Input mask-aws-account-id: "yes" is not a boolean; use true or false'
  ],
  [
    'output-credentials not boolean',
    { ...STS, 'output-credentials': '1' },
    'Input output-credentials: "1" is not a boolean'
  ],
  [
    'unset-current-credentials not boolean',
    { ...STS, 'unset-current-credentials': 'on' },
    'Input unset-current-credentials: "on" is not a boolean'
  ],
  [
    'http-proxy not a proxy URL',
    { ...STS, 'http-proxy': 'proxy.corp:3128' },
    'Input http-proxy: "proxy.corp:3128" is not a proxy URL; give http://HOST:PORT'
  ],
  [
    'allowed-account-ids with a malformed id',
    { ...STS, 'allowed-account-ids': '1111-2222-3333' },
    'Input allowed-account-ids: "1111-2222-3333" is not an AWS account id'
  ],
  [
    'long-lived keys',
    {
      ...STS,
      'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
      'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    },
    [
      'Input aws-access-key-id, aws-secret-access-key: keyless-aws takes no long-lived AWS keys.',
      '(1) create the IAM OIDC provider',
      '“Set up AWS once” in the README'
    ]
  ],
  [
    'Identity Center inputs without the application ARN',
    { ...STS, 'identity-center-account-id': '444455556666' },
    'Input identity-center-account-id: only used with identity-center-application-arn'
  ],

  // Session policies
  [
    'an inline policy that is not JSON',
    { ...STS, 'inline-session-policy': '{Version: 2012}' },
    'Input inline-session-policy: is not a JSON policy document'
  ],
  [
    'an inline policy that is a list',
    { ...STS, 'inline-session-policy': '[]' },
    'Input inline-session-policy: is not a JSON policy document'
  ],
  [
    'eleven managed policies',
    {
      ...STS,
      'managed-session-policies': Array.from(
        { length: 11 },
        (_, i) => `arn:aws:iam::aws:policy/P${i}`
      ).join('\n')
    },
    'Input managed-session-policies: 11 policies; STS takes at most 10.'
  ],
  [
    'a managed policy that is a role',
    { ...STS, 'managed-session-policies': 'arn:aws:iam::111122223333:role/deploy' },
    'is not a managed policy ARN'
  ],
  [
    'policies over 2048 characters',
    {
      ...STS,
      'inline-session-policy': JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(2100) }]
      })
    },
    'characters together; STS takes at most 2048'
  ],

  // Profiles
  [
    'aws-profile with a space',
    { ...STS, 'aws-profile': 'my profile' },
    'Input aws-profile: "my profile" is not a usable profile name; use 1 to 64 letters'
  ],
  [
    'more role-profiles than the cap',
    {
      ...STS,
      'role-profiles': Array.from({ length: 21 }, (_, i) => `p${i} = ${roleArn('deploy')}`).join(
        '\n'
      )
    },
    'Input role-profiles: 21 roles; give at most 20'
  ],
  [
    'role-profiles line without =',
    { ...STS, 'role-profiles': 'build arn:aws:iam::111122223333:role/build-readonly' },
    'Input role-profiles: "build arn:aws:iam::111122223333:role/build-readonly" is not a pair; write one PROFILE = ROLE_ARN per line'
  ],
  [
    'role-profiles with a role name',
    { ...STS, 'role-profiles': 'build = build-readonly' },
    'Input role-profiles: "build-readonly" is not an IAM role ARN'
  ],
  [
    'role-profiles naming aws-profile again',
    { ...STS, 'aws-profile': 'deploy', 'role-profiles': `deploy = ${roleArn('build-readonly')}` },
    'Inputs aws-profile and role-profiles: the profile deploy is named more than once'
  ],
  [
    'role-profiles in another partition',
    { ...STS, 'role-profiles': 'cn = arn:aws-cn:iam::111122223333:role/build' },
    'Input role-profiles: the role arn:aws-cn:iam::111122223333:role/build is in partition aws-cn but aws-region eu-west-1 is in aws'
  ],
  [
    'aws-profile with role-profiles but no role-to-assume',
    {
      ...STS,
      'role-to-assume': '',
      'aws-profile': 'deploy',
      'role-profiles': `build = ${roleArn('build-readonly')}`
    },
    'Input aws-profile: names the profile of role-to-assume’s credentials, and role-to-assume is empty; give role-to-assume, or put the profile in role-profiles with its role.'
  ],
  [
    'overwrite-aws-profile not boolean',
    { ...STS, 'aws-profile': 'deploy', 'overwrite-aws-profile': 'always' },
    'Input overwrite-aws-profile: "always" is not a boolean; use true or false.'
  ],
  [
    'output-env-credentials not boolean',
    { ...STS, 'output-env-credentials': 'profile' },
    'Input output-env-credentials: "profile" is not a boolean; use true or false.'
  ],
  [
    'aws-profile-as-default not boolean',
    { ...STS, 'aws-profile': 'deploy', 'aws-profile-as-default': 'yes please' },
    'Input aws-profile-as-default: "yes please" is not a boolean; use true or false.'
  ],
  [
    'aws-profile-as-default without aws-profile',
    { ...STS, 'aws-profile-as-default': 'true' },
    'Input aws-profile-as-default: makes the credentials of aws-profile the default, and aws-profile is empty; give aws-profile too.'
  ],
  [
    'self-refreshing without a profile',
    { ...STS, 'self-refreshing': 'true' },
    'Input self-refreshing: works through a profile; give aws-profile (or role-profiles) too.'
  ],
  [
    'self-refreshing with role-chaining',
    { ...STS, 'self-refreshing': 'true', 'aws-profile': 'p', 'role-chaining': 'true' },
    'Input self-refreshing: exchanges a fresh GitHub token with AssumeRoleWithWebIdentity, so not with role-chaining.'
  ],

  // The Identity Center path
  [
    'an Identity Center audience equal to the STS one',
    { ...IDENTITY_CENTER, 'identity-center-audience': 'sts.amazonaws.com' },
    'Input identity-center-audience: equals audience ("sts.amazonaws.com")'
  ],
  [
    'a bad Identity Center account id',
    { ...IDENTITY_CENTER, 'identity-center-account-id': '4444' },
    'Input identity-center-account-id: "4444" is not an AWS account id; give its 12 digits.'
  ],
  [
    'a bad permission set name',
    { ...IDENTITY_CENTER, 'identity-center-role-name': 'Deploy Access' },
    'Input identity-center-role-name: "Deploy Access" is not a permission set name'
  ],
  [
    'a missing Identity Center account',
    { ...IDENTITY_CENTER, 'identity-center-account-id': '' },
    'Input identity-center-account-id is required'
  ],
  [
    'a bad application ARN',
    { ...IDENTITY_CENTER, 'identity-center-application-arn': 'apl-2222222222222222' },
    'is not an Identity Center application ARN'
  ],
  [
    'a bad Identity Center region',
    { ...IDENTITY_CENTER, 'identity-center-region': 'eu west 1' },
    'Input identity-center-region: "eu west 1" is not an AWS region code'
  ],
  [
    'an Identity Center account outside allowed-account-ids',
    { ...IDENTITY_CENTER, 'allowed-account-ids': '111122223333' },
    'Input identity-center-account-id: 444455556666 is not in allowed-account-ids (111122223333); give an allowed account, or add it there.'
  ],
  [
    'a token file on the Identity Center path',
    { ...TOKEN_FILE, ...IDENTITY_CENTER, 'identity-center-audience': 'x.example' },
    'Input web-identity-token-file: used only on the plain STS path'
  ],

  // Identity Center's identity-enhanced mode
  [
    'identity-enhanced mode with an account-access input',
    { ...IDENTITY_ENHANCED, 'identity-center-account-id': '444455556666' },
    'Input identity-center-account-id: only used with identity-center-mode: account-access, and the mode is identity-enhanced; remove it: identity-enhanced-role names the role, and its ARN the account.'
  ],
  [
    'account-access mode with identity-enhanced-role',
    { ...IDENTITY_CENTER, 'identity-enhanced-role': roleArn('analytics-reader') },
    'Input identity-enhanced-role: only used with identity-center-mode: identity-enhanced, and the mode is account-access; remove it, or set identity-center-mode: identity-enhanced.'
  ],
  [
    'a mode that does not exist',
    { ...IDENTITY_CENTER, 'identity-center-mode': 'enhanced' },
    'Input identity-center-mode: "enhanced" is not a mode; use account-access (credentials of a permission set) or identity-enhanced'
  ],
  [
    'identity-enhanced mode without the application ARN',
    { ...STS, 'identity-center-mode': 'identity-enhanced' },
    'Input identity-center-mode: only used with identity-center-application-arn, which is not set'
  ],
  [
    'identity-enhanced mode without its role',
    { ...IDENTITY_ENHANCED, 'identity-enhanced-role': '' },
    'Input identity-enhanced-role is required: the ARN of the role to assume with the user’s identity context'
  ],
  [
    'an identity-enhanced role that is not a role ARN',
    { ...IDENTITY_ENHANCED, 'identity-enhanced-role': 'analytics-reader' },
    'Input identity-enhanced-role: "analytics-reader" is not an IAM role ARN'
  ],
  [
    'an identity-enhanced session over one hour',
    { ...IDENTITY_ENHANCED, 'role-duration-seconds': '7200' },
    'Input role-duration-seconds: 7200 is longer than AWS allows for the identity-enhanced session, which the exchange role assumes by role chaining; give at most 3600.'
  ],
  [
    'an identity-enhanced role outside allowed-account-ids',
    { ...IDENTITY_ENHANCED, 'allowed-account-ids': '444455556666' },
    'Input identity-enhanced-role: its account 111122223333 is not in allowed-account-ids (444455556666)'
  ],
  [
    'an identity-enhanced role in another partition',
    {
      ...IDENTITY_ENHANCED,
      'identity-enhanced-role': 'arn:aws-cn:iam::111122223333:role/analytics-reader'
    },
    'Input identity-enhanced-role: the role is in partition aws-cn but aws-region eu-west-1 is in aws'
  ],

  [
    'an outbound token in identity-enhanced mode',
    { ...IDENTITY_ENHANCED, 'web-identity-token-audience': 'https://api.vendor.example' },
    'Input web-identity-token-audience: not in identity-enhanced mode, where AWSIAMIdentityCenterAllowListForIdentityContext, which STS attaches to the session, denies sts:GetWebIdentityToken'
  ],

  // Role chaining
  [
    'a chained session over one hour',
    { ...CHAINED, 'role-duration-seconds': '7200' },
    'Input role-duration-seconds: 7200 is longer than AWS allows for role chaining; give at most 3600.'
  ],
  [
    'an external id without role-chaining',
    { ...CHAINED, 'role-chaining': 'false' },
    'Input role-external-id: only used with role-chaining: true.'
  ],
  [
    'clearing the credentials chaining needs',
    { ...CHAINED, 'unset-current-credentials': 'true' },
    'Input unset-current-credentials: role-chaining signs with the credentials already set'
  ],
  [
    // role-chaining reads it too: one bad value, one problem.
    'unset-current-credentials not boolean, with role-chaining',
    { ...CHAINED, 'unset-current-credentials': 'on' },
    'Input unset-current-credentials: "on" is not a boolean'
  ],

  // The outbound web identity token
  [
    'an algorithm STS does not offer, with no audience set',
    { ...STS, 'web-identity-token-signing-algorithm': 'none' },
    'Input web-identity-token-signing-algorithm: "none" is not offered; use RS256 or ES384.'
  ],
  [
    'an algorithm STS does not offer',
    { ...OUTBOUND, 'web-identity-token-signing-algorithm': 'HS256' },
    'Input web-identity-token-signing-algorithm: "HS256" is not offered; use RS256 or ES384.'
  ],
  [
    'an outbound token duration out of range',
    { ...OUTBOUND, 'web-identity-token-duration-seconds': '59' },
    'Input web-identity-token-duration-seconds: "59" is out of range'
  ],
  [
    'a tag without =',
    { ...OUTBOUND, 'web-identity-token-tags': 'team' },
    'Input web-identity-token-tags: "team" is not a tag; write key=value'
  ],
  [
    'tags without an audience',
    { ...OUTBOUND, 'web-identity-token-audience': '', 'web-identity-token-tags': 'a=b' },
    'Input web-identity-token-tags: only used with web-identity-token-audience'
  ],
  // Switches for configure-aws-credentials behaviour (job variables, skipping the clean-up)
  [
    'translate-env-variables not a boolean',
    { ...STS, 'translate-env-variables': 'off' },
    'Input translate-env-variables: "off" is not a boolean; use true or false.'
  ],
  [
    'cleanup-credentials not a boolean',
    { ...STS, 'cleanup-credentials': 'keep' },
    'Input cleanup-credentials: "keep" is not a boolean; use true or false.'
  ],
  // configure-aws-credentials inputs keyless-aws does not take: each names what to use instead
  [
    'use-existing-credentials',
    { ...STS, 'use-existing-credentials': 'true' },
    'Input use-existing-credentials: keyless-aws does not take it; each step gets fresh credentials for the role it names; to reuse an earlier step’s, skip this step with `if:`.'
  ],
  [
    'special-characters-workaround',
    { ...STS, 'special-characters-workaround': 'true' },
    'Input special-characters-workaround: keyless-aws does not take it; not needed: the credentials are exported in the runner’s multi-line format'
  ],
  [
    'force-skip-oidc',
    { ...STS, 'force-skip-oidc': 'true' },
    'Input force-skip-oidc: keyless-aws does not take it; credentials come from the job’s OIDC token unless web-identity-token-file names another token, or role-chaining: true assumes the role with credentials an earlier step set; give one of those two with it.'
  ],
  [
    'sts-endpoint not a URL',
    { ...STS, 'sts-endpoint': 'sts.example.internal' },
    'Input sts-endpoint: "sts.example.internal" is not an http or https URL without a user name; give the endpoint\'s URL, e.g. https://sts.eu-west-1.amazonaws.com.'
  ],
  [
    'sts-endpoint with a user name',
    { ...STS, 'sts-endpoint': 'https://user:pw@sts.example.internal' },
    'Input sts-endpoint: "https://user:pw@sts.example.internal" is not an http or https URL without a user name'
  ],
  [
    'action-timeout-s not a number',
    { ...STS, 'action-timeout-s': '2m' },
    'Input action-timeout-s: "2m" is out of range; give a whole number of seconds from 0 to 21600.'
  ],
  // trust-policy-file: only where the job's token is exchanged, for role-to-assume
  [
    'trust-policy-file with role-chaining',
    { ...CHAINED, 'trust-policy-file': 'trust-policy.json' },
    'Input trust-policy-file: decides the OIDC token, which role-chaining does not use; drop one'
  ],
  [
    'trust-policy-file without role-to-assume',
    {
      ...STS,
      'role-to-assume': '',
      'role-profiles': 'build = arn:aws:iam::111122223333:role/build-readonly',
      'trust-policy-file': 'trust-policy.json'
    },
    'Input trust-policy-file: is the trust policy of role-to-assume, which is empty; give role-to-assume'
  ]
]

describe('readConfig refuses bad input, naming the input, what was wrong and what is accepted', () => {
  it.each(ROWS)('%s', async (_name, inputs, message) => {
    const { text, problems } = await refusal(inputs)
    expect(text).toMatch(/^keyless-aws failed: Invalid input: 1 input\n/)
    expect(problems).toHaveLength(1)
    for (const part of [message].flat()) expect(problems[0]).toContain(part)
  })

  it('accepts the incumbent-only inputs set to its defaults, as a migrated workflow may spell them', async () => {
    const inert = {
      'use-existing-credentials': 'false',
      'special-characters-workaround': 'False',
      'force-skip-oidc': 'false',
      'action-timeout-s': '0',
      'role-duration-seconds': '0'
    }
    const config = await readConfig({ ...RUNNER_ENV, ...inputEnv(metadata, { ...STS, ...inert }) })
    expect(config.durationSeconds).toBe(3600)
  })

  it('accepts the incumbent’s sts-endpoint, action-timeout-s, and force-skip-oidc where no GitHub token is asked for', async () => {
    const config = await readConfig({
      ...RUNNER_ENV,
      ...inputEnv(metadata, {
        ...TOKEN_FILE,
        'sts-endpoint': 'https://sts.example.internal',
        'action-timeout-s': '120',
        'force-skip-oidc': 'true'
      })
    })
    expect(config).toMatchObject({
      stsEndpoint: 'https://sts.example.internal',
      actionTimeoutSeconds: 120
    })
    const chained = await readConfig({
      ...RUNNER_ENV,
      ...inputEnv(metadata, { ...CHAINED, 'force-skip-oidc': 'true' })
    })
    expect(chained.exchange).toBe('role-chaining')
  })

  it('accepts the China audience in an aws-cn region, as the incumbent’s README sets it', async () => {
    const china = {
      'aws-region': 'cn-northwest-1',
      'role-to-assume': 'arn:aws-cn:iam::111122223333:role/deploy',
      audience: 'sts.amazonaws.com.cn'
    }
    const config = await readConfig({ ...RUNNER_ENV, ...inputEnv(metadata, china) })
    expect(config).toMatchObject({ region: 'cn-northwest-1', audience: 'sts.amazonaws.com.cn' })
  })

  it('accepts every base the rows change, so each row fails on its own change', async () => {
    for (const inputs of [STS, IDENTITY_CENTER, IDENTITY_ENHANCED, CHAINED, OUTBOUND, TOKEN_FILE])
      await expect(
        readConfig({ ...RUNNER_ENV, ...inputEnv(metadata, inputs) })
      ).resolves.toBeDefined()
  })
})
