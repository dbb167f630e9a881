import { GetWebIdentityTokenCommand } from '@aws-sdk/client-sts'
import type { GetWebIdentityTokenCommandInput } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import { rejectionOf, useSignedStsEmulator } from './signed-sts-harness.js'
import { ACCOUNT, roleArn } from './sts-harness.js'
import type { Call } from './sts-harness.js'

const harness = useSignedStsEmulator()
const AUDIENCE = 'https://api.partner.example'

describe('emulated STS GetWebIdentityToken errors through the AWS SDK', () => {
  const longTags = Array.from({ length: 20 }, (_, i) => ({
    Key: `tag-${i}-`.padEnd(128, 'k'),
    Value: 'v'.repeat(256)
  }))
  const tableCases: {
    name: string
    input?: Partial<GetWebIdentityTokenCommandInput>
    call?: Call
    scenario?: ScenarioOverrides
    errorName: string
    status: number
    message: RegExp
  }[] = [
    {
      name: 'the account has not enabled outbound identity federation',
      scenario: {
        aws: { accounts: { [ACCOUNT]: { outboundIdentityFederation: { enabled: false } } } }
      },
      errorName: 'OutboundWebIdentityFederationDisabledException',
      status: 403,
      message: /not enabled for this account/
    },
    {
      name: 'the role may not call sts:GetWebIdentityToken',
      call: { input: { RoleArn: roleArn('build-readonly') } },
      errorName: 'AccessDenied',
      status: 403,
      message: new RegExp(
        `^User: arn:aws:sts::${ACCOUNT}:assumed-role/build-readonly/keyless-aws-1234567890-1 ` +
          'is not authorized to perform: sts:GetWebIdentityToken'
      )
    },
    {
      name: 'the token would outlive the session',
      call: { input: { DurationSeconds: 900 } },
      input: { DurationSeconds: 1000 },
      errorName: 'SessionDurationEscalationException',
      status: 403,
      message: /beyond its original expiration time/
    },
    {
      name: 'the claims exceed the payload limit',
      input: { Tags: longTags },
      errorName: 'JWTPayloadSizeExceededException',
      status: 400,
      message: /payload size exceeds the maximum allowed size/
    },
    {
      name: 'a duration under a minute',
      input: { DurationSeconds: 59 },
      errorName: 'ValidationError',
      status: 400,
      message:
        /^1 validation error detected: Value '59' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60$/
    },
    {
      name: 'a duration over an hour',
      input: { DurationSeconds: 3601 },
      errorName: 'ValidationError',
      status: 400,
      message: /Member must have value less than or equal to 3600$/
    },
    {
      name: 'an algorithm STS does not offer',
      input: { SigningAlgorithm: 'HS256' },
      errorName: 'ValidationError',
      status: 400,
      message: /at 'signingAlgorithm' .* enum value set: \[RS256, ES384\]$/
    },
    {
      name: 'no audience',
      input: { Audience: [] },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'audience' failed to satisfy constraint: Member must have length greater than or equal to 1$/
    },
    {
      name: 'eleven audiences',
      input: { Audience: Array.from({ length: 11 }, (_, i) => `aud-${i}`) },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'audience' failed to satisfy constraint: Member must have length less than or equal to 10$/
    },
    {
      name: 'fifty-one tags',
      input: { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
      errorName: 'ValidationError',
      status: 400,
      message:
        /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/
    },
    {
      name: 'a tag key with a forbidden character',
      input: { Tags: [{ Key: 'team!', Value: 'web' }] },
      errorName: 'ValidationError',
      status: 400,
      message:
        /Value 'team!' at 'tags\.1\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/
    },
    {
      name: 'tag keys that differ only in case',
      input: {
        Tags: [
          { Key: 'Team', Value: 'a' },
          { Key: 'team', Value: 'b' }
        ]
      },
      errorName: 'ValidationError',
      status: 400,
      message: /^Duplicate tag keys found/
    },
    {
      name: 'an origin-identity subject the session cannot provide',
      input: { SubjectMode: 'OriginIdentity' },
      errorName: 'ValidationError',
      status: 400,
      message: /OriginIdentity/
    }
  ]

  it.each(tableCases)(
    '$name → $errorName',
    async ({ input, call, scenario, errorName, status, message }) => {
      const sts = await harness.signedClient(call)
      if (scenario) harness.emulator.setScenario(scenario)
      const issuedBefore = harness.emulator.issued.webIdentityTokens.length
      const error = await rejectionOf(
        sts.send(
          new GetWebIdentityTokenCommand({
            Audience: [AUDIENCE],
            SigningAlgorithm: 'RS256',
            ...input
          })
        )
      )
      expect(error.name).toBe(errorName)
      expect(error.$metadata.httpStatusCode).toBe(status)
      expect(error.message).toMatch(message)
      expect(harness.emulator.issued.webIdentityTokens).toHaveLength(issuedBefore)
    }
  )

  it('allows a token that ends just before the session does', async () => {
    const sts = await harness.signedClient({ input: { DurationSeconds: 900 } })
    const out = await sts.send(
      new GetWebIdentityTokenCommand({
        Audience: [AUDIENCE],
        SigningAlgorithm: 'ES384',
        DurationSeconds: 890
      })
    )
    expect(out.Expiration!.getTime()).toBeLessThanOrEqual(
      harness.emulator.issued.credentials.at(-1)!.expiration.getTime()
    )
  })

  it('answers an injected fault keyed sts:GetWebIdentityToken', async () => {
    const sts = await harness.signedClient()
    harness.emulator.setScenario({
      faults: { 'sts:GetWebIdentityToken': { script: [{ kind: 'error', status: 503 }] } }
    })
    const error = await rejectionOf(
      sts.send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'RS256' }))
    )
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ServiceUnavailable', 503])
    expect(harness.emulator.log.at(-1)).toMatchObject({
      service: 'sts',
      action: 'GetWebIdentityToken',
      fault: 'error'
    })
  })
})
