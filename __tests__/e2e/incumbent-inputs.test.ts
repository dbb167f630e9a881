// Inputs of configure-aws-credentials that keyless-aws takes with the same meaning: sts-endpoint,
// action-timeout-s, and the China partition's audience. The bundled action against the emulator.
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import {
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

// A loopback port nothing listens on: a request that goes there is refused, and never leaves
// the machine, so a build that ignored sts-endpoint fails here instead of reaching AWS.
const NOWHERE = 'http://127.0.0.1:9'

describe('sts-endpoint, on the bundled action', () => {
  const ctx = useEmulator()

  it('sends every STS request to the URL it gives, over AWS_ENDPOINT_URL_STS', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, { AWS_ENDPOINT_URL_STS: NOWHERE })
    const main = await job.run('main', {
      ...STS_INPUTS,
      'sts-endpoint': emu.env.AWS_ENDPOINT_URL_STS,
      'retry-max-attempts': '2',
      // The outbound token's request is an STS request too, signed with the new credentials.
      'web-identity-token-audience': 'https://api.vendor.example'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(emu.log.map((r) => `${r.service}:${r.action}`)).toEqual([
      'github:GetIdToken',
      'sts:AssumeRoleWithWebIdentity',
      'sts:GetWebIdentityToken'
    ])
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expectNoLeaks(emu, main, { secretOutputs: ['web-identity-token'] })
  })

  it('refuses a value that is not an http or https URL, before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', {
      ...STS_INPUTS,
      'sts-endpoint': 'sts.eu-west-1.amazonaws.com'
    })
    expect(failure(main)).toContain(
      'Input sts-endpoint: "sts.eu-west-1.amazonaws.com" is not an http or https URL without a user name; give the endpoint\'s URL, e.g. https://sts.eu-west-1.amazonaws.com.'
    )
    expectRefusedBeforeAnyRequest(emu, main)
  })
})

describe('action-timeout-s, on the bundled action', () => {
  const ctx = useEmulator()

  it('fails the step when STS has not answered in time, and exports nothing', async () => {
    const { emu } = ctx
    const job = newJob(emu, {
      faults: { 'sts:AssumeRoleWithWebIdentity': { always: { kind: 'hang' } } }
    })
    const main = await job.run('main', { ...STS_INPUTS, 'action-timeout-s': '1' })
    expectNothingExported(main)
    expect(main.log.errors[0]).toMatch(
      /^keyless-aws failed: Step did not finish within action-timeout-s: the step had not finished after action-timeout-s \(1 s\)\n/
    )
    // It was the deadline of the step that ended it, not that of the request (10 s by default).
    expect(emu.log.map((r) => `${r.service}:${r.action}`)).toEqual([
      'github:GetIdToken',
      'sts:AssumeRoleWithWebIdentity'
    ])
    expect(main.log.lines.join('\n')).not.toContain('gave up after')
    expectNoLeaks(emu, main)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expectNoLeaks(emu, post)
  })

  it('lets a step that finishes in time succeed, and end without waiting for the deadline', async () => {
    const { emu } = ctx
    // A deadline left running would hold the step's process for the ten minutes, past the
    // test's own timeout.
    const main = await newJob(emu).run('main', { ...STS_INPUTS, 'action-timeout-s': '600' })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(latestCredentials(emu).accessKeyId)
    expectNoLeaks(emu, main)
  })

  it('refuses a value that is not a whole number of seconds, before any request', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', { ...STS_INPUTS, 'action-timeout-s': '30s' })
    expect(failure(main)).toContain(
      'Input action-timeout-s: "30s" is out of range; give a whole number of seconds from 0 to 21600.'
    )
    expectRefusedBeforeAnyRequest(emu, main)
  })
})

// An account in the aws-cn partition whose provider registers the China audience, as the setup
// guides for the China regions have it.
const CHINA_ACCOUNT = '210987654321'
const CHINA_ROLE = `arn:aws-cn:iam::${CHINA_ACCOUNT}:role/deploy`
const CHINA_AUDIENCE = 'sts.amazonaws.com.cn'
const CHINA: ScenarioOverrides = {
  aws: {
    accounts: {
      [CHINA_ACCOUNT]: {
        oidcProviders: [
          { url: 'https://token.actions.githubusercontent.com', clientIds: [CHINA_AUDIENCE] }
        ],
        roles: {
          deploy: {
            maxSessionDuration: 3600,
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: {
                    Federated: `arn:aws-cn:iam::${CHINA_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
                  },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                  Condition: {
                    StringEquals: {
                      'token.actions.githubusercontent.com:aud': CHINA_AUDIENCE,
                      'token.actions.githubusercontent.com:sub':
                        'repo:octo-org/octo-repo:ref:refs/heads/main'
                    }
                  }
                }
              ]
            }
          }
        }
      }
    }
  }
}

describe('a China region (aws-cn), on the bundled action', () => {
  const ctx = useEmulator()

  it('asks GitHub for the China audience, and STS there accepts the token', async () => {
    const { emu } = ctx
    const job = newJob(emu, CHINA)
    const main = await job.run('main', {
      'aws-region': 'cn-north-1',
      'role-to-assume': CHINA_ROLE,
      audience: CHINA_AUDIENCE
    })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(decodeJwt(emu.issued.idTokens.at(-1)!).aud).toBe(CHINA_AUDIENCE)
    expect(main.outputs['authenticated-arn']).toBe(
      `arn:aws-cn:sts::${CHINA_ACCOUNT}:assumed-role/deploy/octo-org.octo-repo-1234567890-1`
    )
    expect(main.outputs['aws-account-id']).toBe(CHINA_ACCOUNT)
    expect(main.exported).toMatchObject({
      AWS_ACCESS_KEY_ID: latestCredentials(emu).accessKeyId,
      AWS_REGION: 'cn-north-1'
    })
    expectNoLeaks(emu, main)
  })

  it('keeps the incumbent’s default audience there, and names the China one when STS refuses it', async () => {
    const { emu } = ctx
    const main = await newJob(emu, CHINA).run('main', {
      'aws-region': 'cn-north-1',
      'role-to-assume': CHINA_ROLE
    })
    expectNothingExported(main)
    expect(decodeJwt(emu.issued.idTokens.at(-1)!).aud).toBe('sts.amazonaws.com')
    expect(failure(main)).toContain(
      'keyless-aws failed: Audience not registered on the OIDC provider'
    )
    expect(failure(main)).toContain(
      `In the China regions the provider's client ID is usually ${CHINA_AUDIENCE}: give audience: ${CHINA_AUDIENCE}.`
    )
    expectNoLeaks(emu, main)
  })
})
