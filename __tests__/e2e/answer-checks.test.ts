import { describe, expect, it } from 'vitest'
import type { Fault } from '../../emulator/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  roleArn,
  useEmulator
} from './fixture.js'

const CHAINED = {
  ...STS_INPUTS,
  'role-to-assume': roleArn('chained-target'),
  'role-chaining': 'true',
  'role-external-id': 'octo-external-id'
}
const OUTBOUND = { ...STS_INPUTS, 'web-identity-token-audience': 'https://api.vendor.example' }

// Each answer that carries credentials (or the outbound token), the path that reaches it, and
// answers whose fields no later step could use. Each is refused on its first answer (a bad
// answer is not retried), before anything is exported.
const ENDPOINTS = [
  {
    key: 'sts:AssumeRoleWithWebIdentity',
    inputs: STS_INPUTS,
    unusable: {
      'Expiration "soon"': { Expiration: 'soon' },
      'Expiration 1e20': { Expiration: '1e20' },
      'Expiration -1e15': { Expiration: '-1e15' },
      'Expiration in the year 9999': { Expiration: '9999-01-01T00:00:00Z' },
      'an empty AccessKeyId': { AccessKeyId: '' },
      'a SessionToken with a line break': { SessionToken: 'IQoJb3JpZ2luX2VjE\nAWS_PROFILE=x' }
    },
    expired: { Expiration: '2001-01-01T00:00:00Z' }
  },
  {
    key: 'sts:AssumeRole',
    before: STS_INPUTS,
    inputs: CHAINED,
    unusable: {
      'Expiration "soon"': { Expiration: 'soon' },
      'a short AccessKeyId': { AccessKeyId: 'ASIA1' }
    },
    expired: { Expiration: '2001-01-01T00:00:00Z' }
  },
  {
    key: 'sso:GetRoleCredentials',
    inputs: IDENTITY_CENTER,
    unusable: {
      'expiration 1e20': { expiration: 1e20 },
      'expiration "soon"': { expiration: 'soon' },
      'expiration -1e17': { expiration: -1e17 },
      'an empty secretAccessKey': { secretAccessKey: '' }
    },
    expired: { expiration: 0 }
  },
  {
    key: 'sts:GetWebIdentityToken',
    inputs: OUTBOUND,
    unusable: {
      'Expiration "soon"': { Expiration: 'soon' },
      'a WebIdentityToken that is no JWT': { WebIdentityToken: 'not-a-jwt' }
    },
    expired: { Expiration: '2001-01-01T00:00:00.000Z' }
  }
] as const

const count = (emu: { log: { service: string; action: string }[] }, key: string) =>
  emu.log.filter((r) => `${r.service}:${r.action}` === key).length

describe.each(ENDPOINTS)('an answer of $key', (endpoint) => {
  const ctx = useEmulator()

  const runWith = async (fault: Fault) => {
    const { emu } = ctx
    const job = newJob(emu)
    if ('before' in endpoint) {
      expect((await job.run('main', endpoint.before)).exitCode).toBe(0)
      emu.resetLog()
    }
    emu.setScenario({ faults: { [endpoint.key]: { always: fault } } })
    return job.run('main', endpoint.inputs)
  }

  // Every Identity Center session main opened is closed by main itself when the step fails.
  const expectSessionsSignedOut = () =>
    expect(ctx.emu.issued.identityCenterTokens.map((t) => t.signedOut)).not.toContain(false)

  it.each(Object.entries(endpoint.unusable))(
    'with %s is refused after one request, naming who answered; nothing exported',
    async (_name, fields) => {
      const main = await runWith({ kind: 'tamper', fields })
      expectNothingExported(main)
      expect(failure(main)).toMatch(
        new RegExp(`^keyless-aws failed: ${PROBLEMS.answerNotUsable}: `)
      )
      expect(failure(main)).toContain(' at http://127.0.0.1:')
      expect(count(ctx.emu, endpoint.key)).toBe(1)
      expectSessionsSignedOut()
      expectNoLeaks(ctx.emu, main)
    }
  )

  it('with credentials that have expired is refused with the clock or proxy title; nothing exported', async () => {
    const main = await runWith({ kind: 'tamper', fields: endpoint.expired })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      new RegExp(`^keyless-aws failed: ${PROBLEMS.credentialsExpired}: `)
    )
    expect(failure(main)).toMatch(/expire at (2001|1970)-01-01T00:00:00.000Z/)
    expect(failure(main)).toMatch(/The runner's clock reads \S+, and the answer's Date header says/)
    expect(count(ctx.emu, endpoint.key)).toBe(1)
    expectSessionsSignedOut()
    expectNoLeaks(ctx.emu, main)
  })
})

describe('credentials that look expired only by the runner’s clock', () => {
  const ctx = useEmulator()

  it('are refused, and the message shows both clocks and calls the runner’s wrong', async () => {
    const { emu } = ctx
    const now = Date.now()
    // Expired two minutes ago by the runner; an hour left by the clock of whoever answered.
    const expiration = new Date(Math.floor(now / 1000) * 1000 - 120_000).toISOString()
    const served = new Date(now - 3600_000)
    const main = await newJob(emu, {
      faults: {
        'sts:AssumeRoleWithWebIdentity': {
          always: {
            kind: 'tamper',
            fields: { Expiration: expiration },
            headers: { date: served.toUTCString() }
          }
        }
      }
    }).run('main', STS_INPUTS)
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      new RegExp(`^keyless-aws failed: ${PROBLEMS.credentialsExpired}: `)
    )
    const shownServed = new Date(Math.floor(served.getTime() / 1000) * 1000).toISOString()
    expect(failure(main)).toContain(`but the answer's Date header says ${shownServed}`)
    expect(failure(main)).toMatch(/the runner's clock is probably wrong by 60 min/)
    expectNoLeaks(emu, main)
  })
})
