import { describe, expect, it } from 'vitest'
import { ACCOUNT, roleArn, useStsEmulator } from './sts-harness.js'
import type { Call } from './sts-harness.js'

const harness = useStsEmulator()
const { rejection } = harness

describe('emulated STS AssumeRoleWithWebIdentity errors through the AWS SDK', () => {
  const failures: {
    name: string
    call: Call
    errorName: string
    status: number
    message: RegExp
  }[] = [
    {
      name: 'forged token (signed by a key not in the JWKS)',
      call: { scenario: { github: { signingKey: 'rogue' } } },
      errorName: 'InvalidIdentityTokenException',
      status: 400,
      message: /signature/
    },
    {
      name: 'expired token',
      call: { scenario: { github: { clockSkewSeconds: -400 } } },
      errorName: 'ExpiredTokenException',
      status: 400,
      message:
        /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/
    },
    {
      name: 'audience not registered on the provider',
      call: { audience: 'api://AzureADTokenExchange' },
      errorName: 'InvalidIdentityTokenException',
      status: 400,
      message: /^Incorrect token audience$/
    },
    {
      name: 'no OIDC provider in the account',
      call: { scenario: { aws: { accounts: { [ACCOUNT]: { oidcProviders: [] } } } } },
      errorName: 'InvalidIdentityTokenException',
      status: 400,
      message:
        /^No OpenIDConnect provider found in your account for https:\/\/token\.actions\.githubusercontent\.com$/
    },
    {
      name: 'account unknown to the emulator',
      call: { input: { RoleArn: roleArn('deploy', '444455556666') } },
      errorName: 'InvalidIdentityTokenException',
      status: 400,
      message: /^No OpenIDConnect provider found/
    },
    {
      name: 'sub mismatch: environment job against a branch-only role',
      call: { scenario: { github: { job: { environment: 'production' } } } },
      errorName: 'AccessDenied',
      status: 403,
      message: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/
    },
    {
      name: 'sub mismatch: branch job against an environment role',
      call: { audience: 'deploy.octo-org.example', input: { RoleArn: roleArn('prod-deploy') } },
      errorName: 'AccessDenied',
      status: 403,
      message: /^Not authorized to perform sts:AssumeRoleWithWebIdentity$/
    },
    {
      name: 'unknown role',
      call: { input: { RoleArn: roleArn('no-such-role') } },
      errorName: 'AccessDenied',
      status: 403,
      message: /^Not authorized/
    },
    {
      name: 'bad session name',
      call: { input: { RoleSessionName: 'x y' } },
      errorName: 'ValidationError',
      status: 400,
      message:
        /^1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w\+=,\.@-\]\*$/
    },
    {
      // The message echoes the value: the error XML must escape it for the SDK to parse it back.
      name: 'session name with XML markup characters',
      call: { input: { RoleSessionName: 'a<b>&"c' } },
      errorName: 'ValidationError',
      status: 400,
      message: /^1 validation error detected: Value 'a<b>&"c' at 'roleSessionName' failed/
    },
    {
      name: 'duration above the role maximum',
      call: { input: { DurationSeconds: 7200 } },
      errorName: 'ValidationError',
      status: 400,
      message: /^The requested DurationSeconds exceeds the MaxSessionDuration set for this role\.$/
    },
    {
      name: 'malformed session policy',
      call: { input: { Policy: '{not json' } },
      errorName: 'MalformedPolicyDocumentException',
      status: 400,
      message: /^Syntax errors in policy\.$/
    }
  ]

  it.each(failures)('rejects $name', async ({ call, errorName, status, message }) => {
    const issuedBefore = harness.emulator.issued.credentials.length
    const error = await rejection(call)
    expect(error.name).toBe(errorName)
    expect(error.$metadata.httpStatusCode).toBe(status)
    expect(error.message).toMatch(message)
    expect(harness.emulator.issued.credentials).toHaveLength(issuedBefore)
    // The SDK does not retry these: one token request, one STS request.
    expect(harness.emulator.log.map((e) => `${e.service}:${e.status}`)).toEqual([
      'github:200',
      `sts:${status}`
    ])
  })

  it('answers InvalidAction to an operation it does not know, in STS error XML', async () => {
    const response = await fetch(`${harness.emulator.env.AWS_ENDPOINT_URL_STS}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DecodeAuthorizationMessage&Version=2011-06-15'
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('text/xml')
    const requestId = response.headers.get('x-amzn-requestid')
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    const xml = await response.text()
    expect(xml).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">')
    expect(xml).toContain('<Type>Sender</Type>')
    expect(xml).toContain('<Code>InvalidAction</Code>')
    expect(xml).toContain(`<RequestId>${requestId}</RequestId>`)
    expect(harness.emulator.log).toMatchObject([
      { service: 'sts', action: 'DecodeAuthorizationMessage', status: 400 }
    ])
  })
})
