import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import { startConnectProxy } from '../../runner/connect-proxy.js'
import type { StepResult } from '../../runner/job.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'
import {
  afterFirstChainStep,
  CHAINED,
  expectNoLeaks,
  IDENTITY_CENTER,
  IDENTITY_ENHANCED,
  newJob,
  roleArn,
  TRUSTS_WITHOUT_TAGS,
  useEmulator
} from './fixture.js'

type Key = keyof typeof PROBLEMS
interface Case {
  scenario?: ScenarioOverrides
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** Runs the step itself when the case needs more than one main step. */
  run?: (emu: Emulator, env: Record<string, string>) => Promise<StepResult>
  warning?: boolean
  /** Changes the scenario in ways an override cannot express, such as emptying a list. */
  mutate?: (emu: Emulator) => void
}

const application = (emu: Emulator) =>
  emu.scenario.identityCenter.applications[IDENTITY_CENTER['identity-center-application-arn']]

const STS = 'sts:AssumeRoleWithWebIdentity'
const stsAnswers = (status: number, code: string, message = code): ScenarioOverrides => ({
  faults: { [STS]: { always: { kind: 'error', status, code, message } } }
})

// One run of the bundled action per problem title; the Record type makes a missing one a type error.
const CASES: Record<Key, Case> = {
  invalidInput: { inputs: { 'aws-region': 'mars-1' } },
  noTokenPermission: { env: { ACTIONS_ID_TOKEN_REQUEST_URL: '' } },
  tokenRequestRefused: { env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' } },
  tokenServiceFailing: {
    scenario: { faults: { 'github:GetIdToken': { always: { kind: 'error', status: 503 } } } },
    inputs: { 'retry-max-attempts': '2' }
  },
  trustPolicyMismatch: { scenario: { github: { job: { environment: 'production' } } } },
  audienceNotRegistered: { inputs: { audience: 'unregistered.example' } },
  noOidcProvider: { scenario: { aws: { accounts: { '111122223333': { oidcProviders: [] } } } } },
  tokenNotVerified: { scenario: { github: { signingKey: 'rogue' } } },
  tokenExpired: { scenario: { github: { clockSkewSeconds: -400 } } },
  durationTooLong: { inputs: { 'role-duration-seconds': '7200' } },
  parameterRejected: {
    scenario: stsAnswers(400, 'MalformedPolicyDocument', 'Syntax errors in policy.')
  },
  regionDisabled: {
    scenario: stsAnswers(403, 'RegionDisabledException', 'STS is not activated in this region')
  },
  awsUnavailable: {
    scenario: stsAnswers(503, 'ServiceUnavailable'),
    inputs: { 'retry-max-attempts': '2' }
  },
  proxyRefused: { run: runThroughRefusingProxy },
  unexpected: {
    scenario: stsAnswers(400, 'SomethingNewException', 'A code no version of the action knows')
  },
  exchangeRoleNotAllowed: { inputs: { ...IDENTITY_CENTER, 'role-to-assume': roleArn('deploy') } },
  userNotAssigned: {
    inputs: IDENTITY_CENTER,
    mutate: (emu) => (application(emu).assignedUserIds = [])
  },
  assertionRejected: {
    inputs: { ...IDENTITY_CENTER, 'identity-center-audience': 'other.example' }
  },
  applicationNotUsable: {
    inputs: {
      ...IDENTITY_CENTER,
      'identity-center-application-arn': IDENTITY_CENTER['identity-center-application-arn'].replace(
        /2{16}$/,
        '3'.repeat(16)
      )
    }
  },
  scopeNotEnabled: { inputs: IDENTITY_CENTER, mutate: (emu) => (application(emu).scopes = []) },
  portalRefusedToken: {
    inputs: IDENTITY_CENTER,
    scenario: {
      faults: {
        'sso:GetRoleCredentials': {
          always: {
            kind: 'error',
            status: 401,
            code: 'UnauthorizedException',
            message: 'Session token not found or invalid'
          }
        }
      }
    }
  },
  noAccountAssignment: {
    inputs: { ...IDENTITY_CENTER, 'identity-center-account-id': '999999999999' }
  },
  identityContextScopeMissing: {
    inputs: IDENTITY_ENHANCED,
    mutate: (emu) => (application(emu).defaultScopes = ['openid', 'aws'])
  },
  idTokenNotUsable: {
    inputs: IDENTITY_ENHANCED,
    scenario: { identityCenter: { idTokenLifetimeSeconds: 0 } }
  },
  targetRoleNotTrusting: {
    inputs: { ...IDENTITY_ENHANCED, 'identity-enhanced-role': roleArn('chained-target') }
  },
  setContextNotAllowed: {
    inputs: IDENTITY_ENHANCED,
    mutate: (emu) => {
      const trust = emu.scenario.aws.accounts['111122223333'].roles['analytics-reader'].trustPolicy
      trust.Statement = [trust.Statement].flat().filter((s) => s.Action !== 'sts:SetContext')
    }
  },
  contextAssertionRejected: {
    inputs: IDENTITY_ENHANCED,
    scenario: { identityCenter: { contextAssertionLifetimeSeconds: 0 } }
  },
  accountNotAllowed: { inputs: { 'allowed-account-ids': '999999999999' } },
  profileExists: {
    run: (emu, env) => {
      // A self-hosted runner's own ~/.aws with a profile of the name the step asks for.
      const job = newJob(emu, undefined, env)
      mkdirSync(join(job.env.HOME, '.aws'))
      writeFileSync(join(job.env.HOME, '.aws', 'config'), '[profile deploy]\nregion = us-east-2\n')
      return job.run('main', {
        'aws-region': 'eu-west-1',
        'role-to-assume': roleArn('deploy'),
        'aws-profile': 'deploy'
      })
    }
  },
  noCredentialsToChain: {
    inputs: { 'role-to-assume': roleArn('chained-target'), 'role-chaining': 'true' }
  },
  chainingNotAllowed: {
    // chained-target wants the external id, which this step leaves out.
    run: async (emu, env) =>
      (await afterFirstChainStep(emu, undefined, env)).run('main', {
        ...CHAINED,
        'role-external-id': ''
      })
  },
  tagSessionNotAllowed: {
    run: async (emu, env) =>
      (await afterFirstChainStep(emu, TRUSTS_WITHOUT_TAGS, env)).run('main', CHAINED)
  },

  outboundFederationOff: {
    inputs: { 'web-identity-token-audience': 'https://api.vendor.example' },
    scenario: {
      aws: { accounts: { '111122223333': { outboundIdentityFederation: { enabled: false } } } }
    }
  },
  outboundNotPermitted: {
    inputs: {
      'role-to-assume': roleArn('build-readonly'),
      'web-identity-token-audience': 'https://api.vendor.example'
    }
  },
  outboundOutlivesSession: {
    inputs: {
      'role-duration-seconds': '900',
      'web-identity-token-audience': 'a.example',
      'web-identity-token-duration-seconds': '3600'
    }
  },
  outboundTooLarge: {
    inputs: {
      'web-identity-token-audience': 'a.example',
      'web-identity-token-tags': Array.from(
        { length: 30 },
        (_, i) => `t${i}=${'v'.repeat(200)}`
      ).join('\n')
    }
  },
  stepTimedOut: {
    scenario: { faults: { [STS]: { always: { kind: 'hang' } } } },
    inputs: { 'action-timeout-s': '1' }
  },
  answerNotUsable: {
    inputs: IDENTITY_CENTER,
    scenario: {
      faults: {
        'sso:GetRoleCredentials': { always: { kind: 'tamper', fields: { expiration: 'soon' } } }
      }
    }
  },
  credentialsExpired: {
    scenario: {
      faults: {
        [STS]: { always: { kind: 'tamper', fields: { Expiration: '2001-01-01T00:00:00Z' } } }
      }
    }
  },
  notAws: { scenario: { faults: { [STS]: { always: { kind: 'foreign', status: 403 } } } } },
  notGithub: {
    scenario: { faults: { 'github:GetIdToken': { always: { kind: 'foreign', status: 403 } } } }
  },
  exportFailed: {
    run: (emu, env) => {
      const job = newJob(emu, undefined, env)
      job.injectInNextStep({ brokenFileCommand: 'OUTPUT' })
      return job.run('main', { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') })
    }
  },
  claimsNotDecoded: { run: (emu, env) => runWithUndecodableToken(emu, env), warning: true },
  runnerTempNotWritable: {
    run: (emu, env) => runWithUnusableTemp(emu, env)
  },
  cleanupFailed: {
    run: (emu, env) =>
      newJob(emu, undefined, env).run('post', {}, { [stateVariable(STATE_KEYS.envChanges)]: '[' }),
    warning: true
  }
}

/** A proxy that asks for credentials the step does not have: the tunnel is refused. */
async function runThroughRefusingProxy(
  emu: Emulator,
  env: Record<string, string>
): Promise<StepResult> {
  const proxy = await startConnectProxy({ credentials: 'octo:proxy-password' })
  try {
    return await newJob(emu, undefined, {
      ...env,
      // https, as GitHub's endpoint is: the proxy is asked for a tunnel, which it refuses.
      ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL.replace('http:', 'https:')
    }).run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy'),
      'http-proxy': proxy.url
    })
  } finally {
    await proxy.close()
  }
}

/** RUNNER_TEMP beneath a regular file: the action's directory cannot be made. */
function runWithUnusableTemp(emu: Emulator, env: Record<string, string>): Promise<StepResult> {
  const job = newJob(emu, undefined, env)
  const file = join(job.dir, 'not-a-directory')
  writeFileSync(file, '')
  return job.run(
    'main',
    { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy'), 'aws-profile': 'deploy' },
    { RUNNER_TEMP: join(file, 'temp') }
  )
}

/** A token endpoint that answers with a value that is not a JWT. */
async function runWithUndecodableToken(
  emu: Emulator,
  env: Record<string, string>
): Promise<StepResult> {
  const server = createServer((_req, res) =>
    res.end(JSON.stringify({ value: 'not-a-jwt-but-long-enough' }))
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`
    return await newJob(emu, undefined, { ...env, ACTIONS_ID_TOKEN_REQUEST_URL: url }).run('main', {
      'aws-region': 'eu-west-1',
      'role-to-assume': roleArn('deploy')
    })
  } finally {
    server.close()
  }
}

// Each problem twice: as a user sees it, and with runner debug logging on, which must leak nothing either.
describe.each([
  ['', {}],
  [' (RUNNER_DEBUG=1)', { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }]
])(
  'every problem in docs/TROUBLESHOOTING.md is produced by the bundled action%s',
  (_mode, debug: Record<string, string>) => {
    const ctx = useEmulator()

    it('has a case for every problem title', () => {
      expect(Object.keys(CASES).sort()).toEqual(Object.keys(PROBLEMS).sort())
    })

    it.each(Object.entries(CASES) as [Key, Case][])('%s', async (key, c) => {
      const { emu } = ctx
      const job = c.run ? undefined : newJob(emu, c.scenario, { ...debug, ...c.env })
      c.mutate?.(emu)
      const inputs = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy'), ...c.inputs }
      const step = job ? await job.run('main', inputs) : await c.run!(emu, debug)
      const messages = c.warning ? step.log.warnings : step.log.errors
      expect(
        messages.some((m) =>
          m.startsWith(c.warning ? `${PROBLEMS[key]}: ` : `keyless-aws failed: ${PROBLEMS[key]}: `)
        ),
        messages.join('\n')
      ).toBe(true)
      if (!c.warning)
        expect(messages[0]).toContain(
          `Troubleshooting: "${PROBLEMS[key]}" in docs/TROUBLESHOOTING.md`
        )
      expectNoLeaks(emu, step)
    })
  }
)
