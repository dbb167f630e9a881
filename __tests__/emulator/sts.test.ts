import { describe, expect, it } from 'vitest'
import { ACCOUNT, lastIssued, roleArn, useStsEmulator } from './sts-harness.js'

const harness = useStsEmulator()
const { assume } = harness

describe('emulated STS AssumeRoleWithWebIdentity through the AWS SDK', () => {
  it('returns credentials the SDK parses in full', async () => {
    const before = Date.now()
    const out = await assume({})
    const { Credentials: creds, AssumedRoleUser: user } = out
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(creds?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds?.SecretAccessKey).toHaveLength(40)
    expect(creds?.SessionToken?.length).toBeGreaterThanOrEqual(300)
    expect(creds?.SessionToken).toMatch(/\+/)
    expect(creds?.SessionToken).toMatch(/\//)
    expect(creds?.SessionToken).toMatch(/=$/)
    expect(creds?.Expiration).toBeInstanceOf(Date)
    const lifetime = creds!.Expiration!.getTime() - before
    expect(lifetime).toBeGreaterThan(3598_000)
    expect(lifetime).toBeLessThanOrEqual(3601_000)
    expect(user).toEqual({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/keyless-aws-1234567890-1`,
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{16}:keyless-aws-1234567890-1$/)
    })
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(out.Audience).toBe('sts.amazonaws.com')
    expect(out.Provider).toBe('https://token.actions.githubusercontent.com')

    const [issued] = harness.emulator.issued.credentials
    expect(issued).toEqual({
      accessKeyId: creds?.AccessKeyId,
      secretAccessKey: creds?.SecretAccessKey,
      sessionToken: creds?.SessionToken,
      expiration: creds?.Expiration,
      roleArn: roleArn('deploy'),
      assumedRoleArn: user?.Arn,
      federatedProvider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
      policyArns: []
    })
    expect(harness.emulator.secrets()).toEqual(
      expect.arrayContaining([creds?.AccessKeyId, creds?.SecretAccessKey, creds?.SessionToken])
    )
  })

  it('logs only the client round trips, not its own JWKS fetches', async () => {
    await assume({})
    await assume({ input: { RoleArn: roleArn('build-readonly'), DurationSeconds: 43200 } })
    expect(
      harness.emulator.log.map((e) => [e.service, e.action, e.method, e.path, e.status, e.signed])
    ).toEqual([
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sts', 'AssumeRoleWithWebIdentity', 'POST', '/sts/', 200, false],
      ['github', 'GetIdToken', 'GET', '/github/token', 200, true],
      ['sts', 'AssumeRoleWithWebIdentity', 'POST', '/sts/', 200, false]
    ])
    for (const entry of harness.emulator.log)
      expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt)
  })

  it('honours an environment-scoped role for an environment job', async () => {
    const out = await assume({
      scenario: { github: { job: { environment: 'production' } } },
      audience: 'deploy.octo-org.example',
      input: { RoleArn: roleArn('prod-deploy'), DurationSeconds: 900 }
    })
    expect(out.Audience).toBe('deploy.octo-org.example')
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:environment:production')
  })

  it('accepts a valid session policy and managed policy ARNs', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]
    })
    const out = await assume({
      input: { Policy: policy, PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] }
    })
    expect(out.Credentials).toEqual(lastIssued(harness.emulator))
    // The session it issued carries the policies, as AWS's would.
    expect(harness.emulator.issued.credentials.at(-1)).toMatchObject({
      sessionPolicy: policy,
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess']
    })
  })
})
