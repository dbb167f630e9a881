import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { AssumeRoleCommandInput } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import { rejectionOf, useSignedStsEmulator, xmlErrorOf } from './signed-sts-harness.js'
import { ACCOUNT, roleArn } from './sts-harness.js'
import type { Call } from './sts-harness.js'

const harness = useSignedStsEmulator()
const TARGET = roleArn('chained-target')
const EXTERNAL_ID = 'octo-external-id'
const SESSION = 'keyless-aws-1234567890-1'

function chain(input: Partial<AssumeRoleCommandInput> = {}) {
  return new AssumeRoleCommand({
    RoleArn: TARGET,
    RoleSessionName: 'chained',
    ExternalId: EXTERNAL_ID,
    ...input
  })
}

// Overrides of a default-account role, merged key by key (arrays replace).
function roleOverride(name: string, overrides: Record<string, unknown>): ScenarioOverrides {
  return { aws: { accounts: { [ACCOUNT]: { roles: { [name]: overrides } } } } }
}

describe('emulated STS GetCallerIdentity through the AWS SDK', () => {
  it('names the web identity session that signed the call', async () => {
    const sts = await harness.signedClient()
    const session = harness.emulator.issued.credentials.at(-1)!
    const out = await sts.send(new GetCallerIdentityCommand({}))
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(out.Arn).toBe(session.assumedRoleArn)
    expect(out.Account).toBe(ACCOUNT)
    expect(out.UserId).toMatch(new RegExp(`^AROA[A-Z0-9]{16}:${SESSION}$`))
    expect(harness.emulator.log.at(-1)).toMatchObject({
      service: 'sts',
      action: 'GetCallerIdentity',
      status: 200,
      signed: true
    })
  })

  it('refuses an unsigned call', async () => {
    const response = await fetch(harness.emulator.env.AWS_ENDPOINT_URL_STS, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(await xmlErrorOf(response)).toMatchObject({
      status: 403,
      code: 'MissingAuthenticationToken'
    })
  })
})

describe('emulated STS AssumeRole (role chaining) through the AWS SDK', () => {
  it('chains from the deploy session to a role that trusts it', async () => {
    const before = Date.now()
    const sts = await harness.signedClient()
    const out = await sts.send(chain())
    const { Credentials: creds, AssumedRoleUser: user } = out
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(user).toEqual({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/chained-target/chained`,
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{16}:chained$/)
    })
    expect(creds?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    const lifetime = creds!.Expiration!.getTime() - before
    expect(lifetime).toBeGreaterThan(3598_000)
    expect(lifetime).toBeLessThanOrEqual(3601_000)

    const issued = harness.emulator.issued.credentials.at(-1)!
    expect(issued).toEqual({
      accessKeyId: creds?.AccessKeyId,
      secretAccessKey: creds?.SecretAccessKey,
      sessionToken: creds?.SessionToken,
      expiration: creds?.Expiration,
      roleArn: TARGET,
      assumedRoleArn: user?.Arn,
      policyArns: [],
      chainedFrom: expect.stringMatching(/^ASIA[A-Z0-9]{16}$/)
    })
    expect(harness.emulator.secrets()).toEqual(
      expect.arrayContaining([creds?.AccessKeyId, creds?.SecretAccessKey, creds?.SessionToken])
    )

    // The chained credentials are the emulator's own too.
    const chained = harness.clientFor({
      accessKeyId: creds!.AccessKeyId!,
      secretAccessKey: creds!.SecretAccessKey!,
      sessionToken: creds!.SessionToken!
    })
    const identity = await chained.send(new GetCallerIdentityCommand({}))
    expect([identity.Arn, identity.UserId]).toEqual([user?.Arn, user?.AssumedRoleId])
  })

  it('accepts a shorter session, a session policy and managed policy ARNs', async () => {
    const sts = await harness.signedClient()
    const out = await sts.send(
      chain({
        DurationSeconds: 900,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]
      })
    )
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(900_000)
  })

  const denied = (role: string, session = SESSION) =>
    new RegExp(
      `^User: arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session} is not authorized to ` +
        `perform: sts:AssumeRole on resource: ${roleArn('(chained-target|nope)')}$`
    )
  const failures: {
    name: string
    call?: Call
    input?: Partial<AssumeRoleCommandInput>
    errorName: string
    status: number
    message: RegExp
  }[] = [
    {
      name: 'a wrong ExternalId',
      input: { ExternalId: 'guessed-id' },
      errorName: 'AccessDenied',
      status: 403,
      message: denied('deploy')
    },
    {
      name: 'no ExternalId',
      input: { ExternalId: undefined },
      errorName: 'AccessDenied',
      status: 403,
      message: denied('deploy')
    },
    {
      name: 'a caller role without sts:AssumeRole',
      call: { scenario: roleOverride('deploy', { permissions: ['sts:GetWebIdentityToken'] }) },
      errorName: 'AccessDenied',
      status: 403,
      message: denied('deploy')
    },
    {
      name: 'a caller role the target does not trust',
      call: {
        scenario: roleOverride('build-readonly', { permissions: ['sts:*'] }),
        input: { RoleArn: roleArn('build-readonly') }
      },
      errorName: 'AccessDenied',
      status: 403,
      message: denied('build-readonly')
    },
    {
      name: 'an unknown role',
      input: { RoleArn: roleArn('nope') },
      errorName: 'AccessDenied',
      status: 403,
      message: denied('deploy')
    },
    {
      name: 'more than an hour when chaining',
      input: { DurationSeconds: 3601 },
      errorName: 'ValidationError',
      status: 400,
      message:
        /^The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining\.$/
    },
    {
      name: 'more than an hour when chaining, even where the role allows twelve',
      call: { scenario: roleOverride('chained-target', { maxSessionDuration: 43200 }) },
      input: { DurationSeconds: 43200 },
      errorName: 'ValidationError',
      status: 400,
      message: /1 hour session limit for roles assumed by role chaining/
    },
    {
      name: 'an ExternalId with a forbidden character',
      input: { ExternalId: 'octo external' },
      errorName: 'ValidationError',
      status: 400,
      message:
        /^1 validation error detected: Value 'octo external' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern/
    },
    {
      name: 'session tags to a target whose trust lacks sts:TagSession',
      call: {
        scenario: roleOverride('chained-target', {
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: roleArn('deploy') }, Action: 'sts:AssumeRole' }
            ]
          }
        })
      },
      input: { ExternalId: undefined, Tags: [{ Key: 'Team', Value: 'payments' }] },
      errorName: 'AccessDenied',
      status: 403,
      message: /is not authorized to perform: sts:TagSession on resource: .*chained-target$/
    },
    {
      name: 'more than 50 session tags',
      input: { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `K${i}`, Value: 'v' })) },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/
    },
    {
      name: 'a tag key with a character STS refuses',
      input: { Tags: [{ Key: 'Team#1', Value: 'payments' }] },
      errorName: 'ValidationError',
      status: 400,
      message:
        /Value 'Team#1' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern/
    },
    {
      name: 'a tag value over 256 characters',
      input: { Tags: [{ Key: 'Team', Value: 'x'.repeat(257) }] },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256$/
    },
    {
      name: 'two tag keys that differ only in case',
      input: {
        Tags: [
          { Key: 'Team', Value: 'a' },
          { Key: 'team', Value: 'b' }
        ]
      },
      errorName: 'InvalidParameterValue',
      status: 400,
      message: /^Duplicate tag keys found\. Please note that Tag keys are case insensitive\.$/
    },
    {
      name: 'a transitive key that is not a tag',
      input: { Tags: [{ Key: 'Team', Value: 'a' }], TransitiveTagKeys: ['Owner'] },
      errorName: 'InvalidParameterValue',
      status: 400,
      message: /Transitive tag keys must be keys of the session tags: Owner\.$/
    },
    {
      name: 'a duration under fifteen minutes',
      input: { DurationSeconds: 600 },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900$/
    }
  ]

  it.each(failures)('$name → $errorName', async ({ call, input, errorName, status, message }) => {
    const sts = await harness.signedClient(call)
    const issuedBefore = harness.emulator.issued.credentials.length
    const error = await rejectionOf(sts.send(chain(input)))
    expect(error.name).toBe(errorName)
    expect(error.$metadata.httpStatusCode).toBe(status)
    expect(error.message).toMatch(message)
    expect(harness.emulator.issued.credentials).toHaveLength(issuedBefore)
  })

  it('records the session tags and which are transitive, for aws:PrincipalTag', async () => {
    const sts = await harness.signedClient()
    await sts.send(
      chain({
        Tags: [
          { Key: 'Repository', Value: 'octo-org/octo-repo' },
          { Key: 'Team', Value: '' }
        ],
        TransitiveTagKeys: ['Repository']
      })
    )
    const issued = harness.emulator.issued.credentials.at(-1)!
    expect(issued.sessionTags).toEqual({ Repository: 'octo-org/octo-repo', Team: '' })
    expect(issued.transitiveTagKeys).toEqual(['Repository'])
  })

  it('refuses a chained session that may not chain further', async () => {
    const sts = await harness.signedClient()
    const { Credentials: c } = await sts.send(chain())
    const chained = harness.clientFor({
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!
    })
    const error = await rejectionOf(chained.send(chain({ RoleSessionName: 'again' })))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403])
    expect(error.message).toMatch(denied('chained-target', 'chained'))
  })

  it('refuses an unsigned or wrongly signed AssumeRole', async () => {
    const response = await fetch(harness.emulator.env.AWS_ENDPOINT_URL_STS, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=AssumeRole&Version=2011-06-15&RoleArn=${TARGET}&RoleSessionName=x1`
    })
    expect(await xmlErrorOf(response)).toMatchObject({
      status: 403,
      code: 'MissingAuthenticationToken'
    })

    const credentials = await harness.session()
    const forged = harness.clientFor({ ...credentials, secretAccessKey: 'y'.repeat(40) })
    const error = await rejectionOf(forged.send(chain()))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403])
  })
})
