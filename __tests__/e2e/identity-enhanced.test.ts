import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import type { PolicyStatement } from '../../src/trust-policy/document.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import { STATE_KEYS } from '../../src/state/keys.js'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  IDENTITY_ENHANCED,
  latestCredentials,
  newJob,
  roleArn,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const APP = IDENTITY_ENHANCED['identity-center-application-arn']
const TARGET = IDENTITY_ENHANCED['identity-enhanced-role']
const EXCHANGE = IDENTITY_ENHANCED['role-to-assume']
const USER_ID = '9067729b3d-94f1e0d5-c1a2-4b3c-8d4e-5f6a7b8c9d0e'
const PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter'
const steps = (emu: Emulator) => emu.log.map((r) => `${r.service}:${r.action} ${r.status}`)

const targetTrust = (statements: PolicyStatement[]): ScenarioOverrides => ({
  aws: {
    accounts: {
      [ACCOUNT]: {
        roles: {
          'analytics-reader': { trustPolicy: { Version: '2012-10-17', Statement: statements } }
        }
      }
    }
  }
})
const assumeOnly: PolicyStatement = {
  Effect: 'Allow',
  Principal: { AWS: EXCHANGE },
  Action: 'sts:AssumeRole'
}

describe('Identity Center identity-enhanced mode, bundled action against the emulator', () => {
  const ctx = useEmulator()

  it('exports a session of the target role that carries the user’s identity context', async () => {
    const { emu } = ctx
    // Token requests held 200 ms: requests sent together overlap, requests in sequence cannot.
    const job = newJob(emu, { faults: { 'github:GetIdToken': { latencyMs: 200 } } })
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"athena:*","Resource":"*"}]}'
    const main = await job.run('main', {
      ...IDENTITY_ENHANCED,
      'role-session-name': 'analytics-nightly',
      'role-duration-seconds': '1800',
      'inline-session-policy': policy
    })
    expect(main.stderr).toBe('')
    expect(main.exitCode, failure(main)).toBe(0)
    expect(steps(emu)).toEqual([
      'github:GetIdToken 200',
      'github:GetIdToken 200',
      'sts:AssumeRoleWithWebIdentity 200',
      'sso-oidc:CreateTokenWithIAM 200',
      'sts:AssumeRole 200'
    ])
    const [first, second, hop, createToken, assume] = emu.log
    expect(second.startedAt).toBeLessThan(first.endedAt)
    expect(hop.startedAt).toBeGreaterThanOrEqual(Math.max(first.endedAt, second.endedAt))
    expect(createToken.startedAt).toBeGreaterThanOrEqual(hop.endedAt)
    expect(assume.startedAt).toBeGreaterThanOrEqual(createToken.endedAt)
    expect([hop.signed, createToken.signed, assume.signed]).toEqual([false, true, true])

    // Only the scopes this mode needs; the access token could not open the portal.
    const tokens = emu.issued.identityCenterTokens.at(-1)!
    expect(tokens.scopes).toEqual(['openid', 'sts:identity_context'])
    const exchangeRole = emu.issued.credentials.find((c) => c.roleArn === EXCHANGE)!
    const session = latestCredentials(emu)
    expect(session).toMatchObject({
      roleArn: TARGET,
      assumedRoleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/analytics-reader/analytics-nightly`,
      sessionPolicy: policy,
      identityContext: {
        providerArn: PROVIDER,
        kind: 'identity',
        userId: USER_ID,
        applicationArn: APP
      }
    })
    expect(session.expiration.getTime() - assume.startedAt).toBeGreaterThan(1700_000)
    expect(session.expiration.getTime() - assume.startedAt).toBeLessThanOrEqual(1801_000)
    // The session options apply to the final AssumeRole, not to the exchange role's hop.
    expect(exchangeRole.sessionPolicy).toBeUndefined()

    expect(main.exported.AWS_ACCESS_KEY_ID).toBe(session.accessKeyId)
    expect(main.exported.AWS_SECRET_ACCESS_KEY).toBe(session.secretAccessKey)
    expect(Object.values(main.exported)).not.toContain(exchangeRole.accessKeyId)
    expect(main.outputs).toMatchObject({
      'aws-account-id': ACCOUNT,
      'authenticated-arn': session.assumedRoleArn,
      'identity-center-user-id': USER_ID
    })
    expect(main.summary).toContain(
      '<td>exchange</td><td><code>IAM Identity Center, identity-enhanced session</code></td>'
    )
    expect(main.summary).toContain(`<td>Identity Center user</td><td><code>${USER_ID}</code></td>`)
    expect(main.summary).toContain(`<td>target role</td><td><code>${TARGET}</code></td>`)
    expect(main.summary).toContain(
      '<code>AWSIAMIdentityCenterAllowListForIdentityContext, which STS attaches to every identity-enhanced session: only services that honour identity context, not general deploy credentials</code>'
    )
    // The Identity Center tokens and both context assertions are masked, and kept nowhere.
    expect(main.log.masks).toEqual(
      expect.arrayContaining([
        tokens.accessToken,
        tokens.idToken,
        tokens.identityContext,
        tokens.auditContext
      ])
    )
    expect(main.state[STATE_KEYS.identityCenterSession]).toBeUndefined()
    expectNoLeaks(emu, main)

    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(steps(emu).slice(5)).toEqual([])
    expect(post.exported.AWS_ACCESS_KEY_ID).toBe('')
    expectNoLeaks(emu, post)
  })

  it('logs each round trip in debug mode, and still nothing secret', async () => {
    const { emu } = ctx
    const job = newJob(emu, undefined, { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' })
    const main = await job.run('main', IDENTITY_ENHANCED)
    expect(main.exitCode, failure(main)).toBe(0)
    const roundTrips = main.log.debug.filter((line) => line.startsWith('exchange: '))
    expect(roundTrips.map((line) => line.split(':')[1].trim())).toEqual([
      'STSClient AssumeRoleWithWebIdentityCommand',
      'SSOOIDCClient CreateTokenWithIAMCommand',
      'STSClient AssumeRoleCommand'
    ])
    expect(main.log.debug).toContain(`config: targetRoleArn = "${TARGET}"`)
    expectNoLeaks(emu, main)
    expectNoLeaks(emu, await job.run('post'))
  })

  // The bench's tracer lists every file the step loads; each marker is text only this mode's code
  // holds: the config reader's refusal of a mode, and the exchange's note on the allow-list.
  const TRACER = fileURLToPath(new URL('../../bench/trace.mjs', import.meta.url))
  const MARKERS = [
    'is not a mode; use account-access',
    'AWSIAMIdentityCenterAllowListForIdentityContext'
  ]
  async function loadedCode(inputs: Record<string, string>): Promise<string> {
    const trace = join(mkdtempSync(join(tmpdir(), 'keyless-trace-')), 'trace.json')
    const env = { NODE_OPTIONS: `--import=${TRACER}`, BENCH_TRACE: trace }
    const main = await newJob(ctx.emu, undefined, env).run('main', inputs)
    expect(main.exitCode, failure(main)).toBe(0)
    expectNoLeaks(ctx.emu, main)
    const { files } = JSON.parse(readFileSync(trace, 'utf8')) as { files: string[] }
    const dist = files.filter((url) => url.includes('/dist/'))
    expect(dist.length).toBeGreaterThan(1)
    return dist.map((url) => readFileSync(fileURLToPath(url), 'utf8')).join('\n')
  }

  it('loads its code only in this mode: the STS path never does', async () => {
    const sts = await loadedCode(STS_INPUTS)
    const enhanced = await loadedCode(IDENTITY_ENHANCED)
    const found = (code: string) => MARKERS.filter((marker) => code.includes(marker))
    expect(found(sts)).toEqual([])
    expect(found(enhanced)).toEqual(MARKERS)
  })

  type Failure = {
    name: string
    problem: string
    scenario?: ScenarioOverrides
    says: string[]
    /** The last request the step made, and its status. */
    last: string
  }
  const FAILURES: Failure[] = [
    {
      name: 'the target role’s trust lacks sts:SetContext',
      problem: PROBLEMS.setContextNotAllowed,
      scenario: targetTrust([assumeOnly]),
      says: ['"Action":"sts:SetContext"', `"sts:RequestContextProviders":"${PROVIDER}"`],
      last: 'sts:AssumeRole 403'
    },
    {
      name: 'sts:RequestContextProviders does not accept Identity Center',
      problem: PROBLEMS.setContextNotAllowed,
      scenario: targetTrust([
        assumeOnly,
        {
          ...assumeOnly,
          Action: 'sts:SetContext',
          Condition: {
            'ForAllValues:ArnEquals': {
              'sts:RequestContextProviders': 'arn:aws:iam::aws:contextProvider/Other'
            }
          }
        }
      ]),
      says: [`does not accept ${PROVIDER}, the provider this step sends`],
      last: 'sts:AssumeRole 403'
    },
    {
      name: 'the target role does not trust the exchange role',
      problem: PROBLEMS.targetRoleNotTrusting,
      scenario: targetTrust([{ ...assumeOnly, Principal: { AWS: roleArn('deploy') } }]),
      says: [`Principal {"AWS": "${EXCHANGE}"}, Action "sts:AssumeRole"`],
      last: 'sts:AssumeRole 403'
    },
    {
      name: 'the context assertion has expired',
      problem: PROBLEMS.contextAssertionRejected,
      scenario: { identityCenter: { contextAssertionLifetimeSeconds: 0 } },
      says: ['InvalidContextAssertion', 'The context assertion has expired'],
      last: 'sts:AssumeRole 400'
    },
    {
      name: 'the context assertion is invalid',
      problem: PROBLEMS.contextAssertionRejected,
      // STS's answer when it cannot open what it sealed (the emulator's own check of an
      // assertion it never issued is in __tests__/emulator/identity-enhanced.test.ts).
      scenario: {
        faults: {
          'sts:AssumeRole': {
            always: {
              kind: 'error',
              status: 400,
              code: 'InvalidContextAssertion',
              message: 'The context assertion is not valid'
            }
          }
        }
      },
      says: ['The context assertion is not valid'],
      last: 'sts:AssumeRole 400'
    },
    {
      name: 'the application lacks the sts:identity_context scope',
      problem: PROBLEMS.identityContextScopeMissing,
      scenario: {
        identityCenter: { applications: { [APP]: { defaultScopes: ['openid', 'aws'] } } }
      },
      says: ['does not offer the scopes this mode asks for: openid, sts:identity_context'],
      last: 'sso-oidc:CreateTokenWithIAM 400'
    },
    {
      name: 'no Identity Center user is mapped to the token',
      problem: PROBLEMS.assertionRejected,
      scenario: {
        identityCenter: {
          users: [{ userId: USER_ID, userName: 'octo-org/another-repo' }]
        }
      },
      says: [
        'the claim the trusted token issuer maps',
        'repository = octo-org/octo-repo',
        'No user matches the assertion'
      ],
      last: 'sso-oidc:CreateTokenWithIAM 400'
    }
  ]
  it.each(FAILURES)('$name: “$problem”, nothing exported', async (c) => {
    const { emu } = ctx
    const job = newJob(emu, c.scenario)
    const main = await job.run('main', IDENTITY_ENHANCED)
    expectNothingExported(main)
    const text = failure(main)
    expect(text.startsWith(`keyless-aws failed: ${c.problem}: `), text).toBe(true)
    for (const words of c.says) expect(text).toContain(words)
    expect(steps(emu).at(-1)).toBe(c.last)
    expectNoLeaks(emu, main)
  })

  it.each([
    [
      'identity-enhanced mode with the account-access inputs',
      { 'identity-center-account-id': '444455556666', 'identity-center-role-name': 'DeployAccess' },
      'Input identity-center-account-id, identity-center-role-name: only used with identity-center-mode: account-access, and the mode is identity-enhanced'
    ],
    [
      'account-access mode with identity-enhanced-role',
      {
        'identity-center-mode': 'account-access',
        'identity-center-account-id': '444455556666',
        'identity-center-role-name': 'DeployAccess'
      },
      'Input identity-enhanced-role: only used with identity-center-mode: identity-enhanced, and the mode is account-access'
    ],
    [
      'an unknown mode',
      { 'identity-center-mode': 'enhanced' },
      'Input identity-center-mode: "enhanced" is not a mode; use account-access'
    ],
    [
      'identity-enhanced mode without the target role',
      { 'identity-enhanced-role': '' },
      'Input identity-enhanced-role is required'
    ]
  ])('refuses %s before any request', async (_name, inputs, message) => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', { ...IDENTITY_ENHANCED, ...inputs })
    expect(failure(main)).toContain(message)
    expectRefusedBeforeAnyRequest(emu, main)
  })
})
