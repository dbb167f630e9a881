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
  useEmulator
} from './fixture.js'

const OUTBOUND = { ...STS_INPUTS, 'web-identity-token-audience': 'https://api.vendor.example' }
// Every endpoint main calls, and who should have answered it.
const ENDPOINTS = [
  { key: 'github:GetIdToken', inputs: STS_INPUTS, expected: 'GitHub' },
  { key: 'sts:AssumeRoleWithWebIdentity', inputs: STS_INPUTS, expected: 'AWS' },
  { key: 'sts:GetWebIdentityToken', inputs: OUTBOUND, expected: 'AWS' },
  { key: 'sso-oidc:CreateTokenWithIAM', inputs: IDENTITY_CENTER, expected: 'AWS' },
  { key: 'sso:GetRoleCredentials', inputs: IDENTITY_CENTER, expected: 'AWS' }
] as const
// What answers in their place: a proxy's block page, a captive portal's redirect, a 200 page.
const ANSWERS: [string, Fault, RegExp][] = [
  ['a 403 HTML page', { kind: 'foreign', status: 403 }, /HTTP 403 with content type "text\/html"/],
  [
    'a 307 redirect',
    { kind: 'foreign', status: 307, headers: { location: 'http://127.0.0.1:9/login' } },
    /HTTP 307 with content type "text\/html"/
  ],
  ['a 200 HTML page', { kind: 'foreign', status: 200 }, /HTTP 200 with content type "text\/html"/]
]
const count = (emu: { log: { service: string; action: string }[] }, key: string) =>
  emu.log.filter((r) => `${r.service}:${r.action}` === key).length

describe.each(ENDPOINTS)('something other than the service answering $key', (endpoint) => {
  const ctx = useEmulator()

  it.each(ANSWERS)(
    '%s is named by status and content type, not retried; nothing exported',
    async (_name, fault, shown) => {
      const { emu } = ctx
      const job = newJob(emu, { faults: { [endpoint.key]: { always: fault } } })
      const main = await job.run('main', endpoint.inputs)
      expectNothingExported(main)
      const problem = endpoint.expected === 'AWS' ? PROBLEMS.notAws : PROBLEMS.notGithub
      expect(failure(main)).toMatch(new RegExp(`^keyless-aws failed: ${problem}: `))
      expect(failure(main)).toMatch(shown)
      expect(failure(main)).toContain(' at http://127.0.0.1:')
      expect(failure(main)).toMatch(/probably a proxy/)
      expect(failure(main)).not.toContain('Unknown')
      expect(count(emu, endpoint.key)).toBe(1)
      expect(emu.issued.identityCenterTokens.map((t) => t.signedOut)).not.toContain(false)
      expectNoLeaks(emu, main)
    }
  )

  it('a 502 HTML page is retried, then named as not the service, within the attempts cap', async () => {
    const { emu } = ctx
    const fault: Fault = { kind: 'foreign', status: 502 }
    const job = newJob(emu, { faults: { [endpoint.key]: { always: fault } } })
    const main = await job.run('main', { ...endpoint.inputs, 'retry-max-attempts': '2' })
    expectNothingExported(main)
    const problem = endpoint.expected === 'AWS' ? PROBLEMS.notAws : PROBLEMS.notGithub
    expect(failure(main)).toMatch(new RegExp(`^keyless-aws failed: ${problem}: `))
    expect(failure(main)).toMatch(/gave up after 2 attempts in [\d.]+ s/)
    expect(failure(main)).toMatch(/HTTP 502 with content type "text\/html"/)
    expect(count(emu, endpoint.key)).toBe(2)
    expectNoLeaks(emu, main)
  })
})
