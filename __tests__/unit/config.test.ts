import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { DEFAULTS, readConfig } from '../../src/config/index.js'
import { INPUT_VARIABLES, inputOfVariable } from '../../src/config/input-variables.js'
import { InputError } from '../../src/errors/index.js'
import { InputReader } from '../../src/config/reader.js'
import { readProfileSettings } from '../../src/config/profiles.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const env = (inputs: Record<string, string>, extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  ...extra
})
const problemsOf = async (
  inputs: Record<string, string>,
  extra: Record<string, string> = {}
): Promise<readonly string[]> => {
  try {
    await readConfig(env(inputs, extra))
  } catch (err) {
    if (err instanceof InputError) return err.explanation
    throw err
  }
  throw new Error('readConfig accepted the inputs')
}

describe('readConfig', () => {
  it('applies the defaults and builds the session name from the run', async () => {
    const config = await readConfig(
      env(
        { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE },
        { GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '2' }
      )
    )
    expect(config).toEqual({
      exchange: 'sts',
      region: 'eu-west-1',
      roleArn: ROLE,
      audience: 'sts.amazonaws.com',
      sessionName: 'octo-org.octo-repo-99-2',
      durationSeconds: 3600,
      maskAccountId: false,
      outputCredentials: false,
      outputEnvCredentials: true,
      unsetCurrentCredentials: false,
      allowedAccountIds: [],
      policyArns: [],
      roleProfiles: [],
      selfRefreshing: false,
      overwriteAwsProfile: false,
      awsProfileAsDefault: false,
      maxAttempts: 8,
      requestTimeoutMs: 10_000,
      actionTimeoutSeconds: 0
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it.each([
    ['us-gov-west-1', 'arn:aws-us-gov:iam::111122223333:role/deploy'],
    ['cn-north-1', 'arn:aws-cn:iam::111122223333:role/deploy'],
    ['eu-central-2', 'arn:aws:iam::111122223333:role/team/app/deploy'],
    ['ap-southeast-5', 'arn:aws:iam::111122223333:role/a+b=c,d.e@f-g_h'],
    ['eusc-de-east-1', 'arn:aws-eusc:iam::111122223333:role/deploy'],
    ['us-isof-south-1', 'arn:aws-iso-f:iam::111122223333:role/deploy'],
    ['eu-isoe-west-1', 'arn:aws-iso-e:iam::111122223333:role/deploy'],
    ['us-isob-east-1', 'arn:aws-iso-b:iam::111122223333:role/deploy']
  ])('accepts region %s with role %s', async (region, role) => {
    expect((await readConfig(env({ 'aws-region': region, 'role-to-assume': role }))).roleArn).toBe(
      role
    )
  })

  it.each([
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false]
  ])('reads boolean %s as %s, as the runner does', async (value, expected) => {
    const config = await readConfig(
      env({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, 'output-credentials': value })
    )
    expect(config.outputCredentials).toBe(expected)
  })

  // As configure-aws-credentials: a profile is the only place, unless asked; self-refreshing,
  // whose point is the job's own identity, makes its profile the default unless told not to.
  it.each([
    [{}, { outputEnvCredentials: true, awsProfileAsDefault: false }],
    [{ 'aws-profile': 'p' }, { outputEnvCredentials: false, awsProfileAsDefault: false }],
    [
      { 'aws-profile': 'p', 'output-env-credentials': 'true' },
      { outputEnvCredentials: true, awsProfileAsDefault: false }
    ],
    [
      { 'output-env-credentials': 'false' },
      { outputEnvCredentials: false, awsProfileAsDefault: false }
    ],
    [
      { 'aws-profile': 'p', 'self-refreshing': 'true' },
      { outputEnvCredentials: false, awsProfileAsDefault: true }
    ],
    [
      { 'aws-profile': 'p', 'self-refreshing': 'true', 'aws-profile-as-default': 'false' },
      { outputEnvCredentials: false, awsProfileAsDefault: false }
    ],
    [
      { 'aws-profile': 'p', 'aws-profile-as-default': 'true' },
      { outputEnvCredentials: false, awsProfileAsDefault: true }
    ]
  ])('where the credentials go with %j', async (inputs, expected) => {
    const config = await readConfig(
      env({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, ...inputs })
    )
    expect(config).toMatchObject(expected)
  })

  it.each([
    [{ 'role-duration-seconds': '900' }, 900],
    [{ 'role-duration-seconds': '43200' }, 43200]
  ])('accepts the duration bounds %j', async (inputs, expected) => {
    const config = await readConfig(
      env({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, ...inputs })
    )
    expect(config.durationSeconds).toBe(expected)
  })

  it('reads identity-enhanced mode, whose session options apply to the target role', async () => {
    const target = 'arn:aws:iam::111122223333:role/analytics-reader'
    const policy = '{"Version":"2012-10-17","Statement":[]}'
    const config = await readConfig(
      env({
        'aws-region': 'eu-west-1',
        'role-to-assume': 'arn:aws:iam::111122223333:role/identity-center-exchange',
        'identity-center-application-arn':
          'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222',
        'identity-center-audience': 'identity-center.octo-org.example',
        'identity-center-mode': 'identity-enhanced',
        'identity-enhanced-role': target,
        'inline-session-policy': policy,
        'allowed-account-ids': '111122223333'
      })
    )
    expect(config).toMatchObject({
      exchange: 'identity-enhanced',
      targetRoleArn: target,
      identityCenterRegion: 'eu-west-1',
      policy
    })
    expect(config).not.toHaveProperty('accountId')
    expect(config).not.toHaveProperty('roleName')
  })

  it('names each bad input, what was wrong and what is accepted, all at once', async () => {
    expect(
      await problemsOf({
        'aws-region': 'EU',
        'role-to-assume': 'arn:aws:iam::1:role/x',
        'role-duration-seconds': '-5'
      })
    ).toEqual([
      'Input aws-region: "EU" is not an AWS region code; use a code such as us-east-1 or eu-west-1.',
      'Input role-to-assume: "arn:aws:iam::1:role/x" is not an IAM role ARN; give the full ARN, arn:aws:iam::123456789012:role/NAME (a path before NAME is allowed).',
      'Input role-duration-seconds: "-5" is out of range; give a whole number of seconds from 900 to 43200.'
    ])
  })

  it('shortens a very long bad value in the message', async () => {
    const [problem] = await problemsOf({ 'aws-region': 'x'.repeat(500), 'role-to-assume': ROLE })
    expect(problem.length).toBeLessThan(200)
  })

  it('declares in action.yml the defaults it applies', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string; description: string }>
    }
    // The runner fills a declared default in before the step starts, so a job variable could never
    // stand in for that input: those defaults are stated in the description instead. audience is
    // the exception, declared by the incumbent too, where AUDIENCE never applies either.
    const standIns = new Set(INPUT_VARIABLES.map(inputOfVariable))
    const declaredByIncumbent = new Set(['audience'])
    for (const [name, value] of Object.entries(DEFAULTS)) {
      if (standIns.has(name) && !declaredByIncumbent.has(name)) {
        expect(action.inputs[name]?.default, name).toBeUndefined()
        expect(action.inputs[name]?.description, name).toContain(`Default ${value}.`)
      } else expect(action.inputs[name]?.default, name).toBe(value)
    }
    const declared = Object.entries(action.inputs)
      .filter(([, i]) => i.default !== undefined)
      .map(([n]) => n)
    expect(declared.sort()).toEqual(
      Object.keys(DEFAULTS)
        .filter((n) => !standIns.has(n) || declaredByIncumbent.has(n))
        .sort()
    )
  })
})

describe('readConfig: job variables standing in for inputs, as configure-aws-credentials reads them', () => {
  const REGION_AND_ROLE = { AWS_REGION: 'eu-west-1', ROLE_TO_ASSUME: ROLE }

  it('takes AWS_REGION and ROLE_TO_ASSUME when the step gives no inputs', async () => {
    const config = await readConfig(env({}, REGION_AND_ROLE))
    expect(config).toMatchObject({ exchange: 'sts', region: 'eu-west-1', roleArn: ROLE })
  })

  it('maps each variable of the list onto the input of the same name', async () => {
    const config = await readConfig(
      env(
        {},
        {
          ...REGION_AND_ROLE,
          ROLE_DURATION_SECONDS: '900',
          ROLE_SESSION_NAME: 'from-variable',
          MASK_AWS_ACCOUNT_ID: 'true',
          OUTPUT_CREDENTIALS: 'true',
          UNSET_CURRENT_CREDENTIALS: 'true',
          RETRY_MAX_ATTEMPTS: '3',
          INLINE_SESSION_POLICY: '{"Version":"2012-10-17"}',
          MANAGED_SESSION_POLICIES: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          WEB_IDENTITY_TOKEN_FILE: '/var/run/token'
        }
      )
    )
    expect(config).toMatchObject({
      durationSeconds: 900,
      sessionName: 'from-variable',
      maskAccountId: true,
      outputCredentials: true,
      unsetCurrentCredentials: true,
      maxAttempts: 3,
      policy: '{"Version":"2012-10-17"}',
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      incomingTokenFile: '/var/run/token'
    })
    const noRetry = await readConfig(env({}, { ...REGION_AND_ROLE, DISABLE_RETRY: 'true' }))
    expect(noRetry.maxAttempts).toBe(1)
    expect(
      await readConfig(
        env({}, { ...REGION_AND_ROLE, ROLE_CHAINING: 'true', ROLE_EXTERNAL_ID: 'x-1' })
      )
    ).toMatchObject({ exchange: 'role-chaining', externalId: 'x-1' })
  })

  it('lets an input given in the step win over its variable', async () => {
    const config = await readConfig(
      env(
        { 'aws-region': 'us-east-2', 'role-duration-seconds': '1800' },
        { ...REGION_AND_ROLE, ROLE_DURATION_SECONDS: '900' }
      )
    )
    expect(config).toMatchObject({ region: 'us-east-2', roleArn: ROLE, durationSeconds: 1800 })
  })

  it('ignores an empty variable', async () => {
    expect(await problemsOf({ 'role-to-assume': ROLE }, { AWS_REGION: '' })).toEqual([
      'Input aws-region is required: the region whose STS endpoint issues the credentials, e.g. us-east-1.'
    ])
  })

  it('reads no variable with translate-env-variables: false', async () => {
    expect(
      await problemsOf(
        { 'translate-env-variables': 'false', 'role-to-assume': ROLE },
        REGION_AND_ROLE
      )
    ).toEqual([
      'Input aws-region is required: the region whose STS endpoint issues the credentials, e.g. us-east-1.'
    ])
    const config = await readConfig(
      env(
        { 'translate-env-variables': 'false', 'aws-region': 'eu-west-1', 'role-to-assume': ROLE },
        { ROLE_DURATION_SECONDS: '900', OUTPUT_CREDENTIALS: 'true' }
      )
    )
    expect(config).toMatchObject({ durationSeconds: 3600, outputCredentials: false })
  })

  it('checks a variable’s value as the input’s, naming the input', async () => {
    expect(await problemsOf({}, { ...REGION_AND_ROLE, ROLE_DURATION_SECONDS: 'soon' })).toEqual([
      'Input role-duration-seconds: "soon" is out of range; give a whole number of seconds from 900 to 43200.'
    ])
  })

  it('refuses a translate-env-variables that is not a boolean', async () => {
    expect(await problemsOf({ 'translate-env-variables': 'no' }, REGION_AND_ROLE)).toEqual([
      'Input translate-env-variables: "no" is not a boolean; use true or false.'
    ])
  })
})

describe('readProfileSettings', () => {
  it('refuses self-refreshing on Windows, whose shell would not read the quoted command', () => {
    const inputs = new InputReader({
      'INPUT_AWS-PROFILE': 'deploy',
      'INPUT_SELF-REFRESHING': 'true'
    })
    expect(readProfileSettings(inputs, 'win32').selfRefreshing).toBe(true)
    expect(inputs.problems).toEqual([
      'Input self-refreshing: works on Linux and macOS runners, not on Windows; on Windows raise role-duration-seconds instead.'
    ])
    const linux = new InputReader({
      'INPUT_AWS-PROFILE': 'deploy',
      'INPUT_SELF-REFRESHING': 'true'
    })
    readProfileSettings(linux, 'linux')
    expect(linux.problems).toEqual([])
  })
})
