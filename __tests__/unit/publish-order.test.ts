import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TOKEN_NOT_YET } from '../../src/exchanges/token-at-serialize.js'

// In-process: every call to @actions/core and every file command is recorded in order, STS is
// mocked.
const calls: [string, ...unknown[]][] = []
// The summary is a fluent builder; its write() is what reaches the job summary.
function summaryRecorder() {
  const builder: Record<string, unknown> = {}
  for (const method of ['addHeading', 'addTable', 'addRaw']) builder[method] = () => builder
  builder.write = async () => {
    if (summaryFails) throw new Error('EACCES: permission denied')
    calls.push(['summary'])
  }
  return builder
}
let summaryFails = false
vi.mock('@actions/core', () => {
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args])
  return {
    setSecret: record('setSecret'),
    exportVariable: record('exportVariable'),
    setOutput: record('setOutput'),
    saveState: record('saveState'),
    setFailed: record('setFailed'),
    error: record('error'),
    debug: record('debug'),
    info: record('info'),
    warning: record('warning'),
    startGroup: record('startGroup'),
    endGroup: record('endGroup'),
    summary: summaryRecorder()
  }
})
// The file commands main writes itself (src/publish/file-commands.ts), recorded in the same order.
vi.mock('../../src/publish/file-commands.js', () => {
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args])
  return {
    exportVariable: record('exportVariable'),
    setOutput: record('setOutput'),
    saveState: record('saveState')
  }
})
const TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWY6cmVmcy9oZWFkcy9tYWluIiwiYXVkIjoic3RzLmFtYXpvbmF3cy5jb20ifQ.c2ln'
vi.mock('../../src/token/github-request.js', () => ({
  getTokenResponse: async () => {
    calls.push(['token answer'])
    return { status: 200, body: JSON.stringify({ value: TOKEN }) }
  }
}))

const { run } = await import('../../src/run/main-step.js')
const sts = mockClient(STSClient)
const ENV = {
  'INPUT_AWS-REGION': 'eu-west-1',
  'INPUT_ROLE-TO-ASSUME': 'arn:aws:iam::111122223333:role/deploy',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
}
const CREDENTIALS = {
  AccessKeyId: 'ASIAORDERINGTEST0001',
  SecretAccessKey: 'ordering/test/secret/0000000000000000000',
  SessionToken: 'ordering-test-session-token',
  Expiration: new Date(Date.now() + 3600_000)
}

const stsAnswers = () =>
  sts.on(AssumeRoleWithWebIdentityCommand).resolves({
    Credentials: CREDENTIALS,
    AssumedRoleUser: {
      Arn: 'arn:aws:sts::111122223333:assumed-role/deploy/s',
      AssumedRoleId: 'AROA:s'
    }
  })

describe('main, in process', () => {
  beforeEach(() => {
    calls.length = 0
    summaryFails = false
    sts.reset()
  })
  afterEach(() => {
    vi.clearAllMocks()
    // A failed run sets the exit code, as on the runner; this test process must not keep it.
    process.exitCode = undefined
  })

  it('masks the token and every credential before it exports or outputs anything', async () => {
    stsAnswers()
    await run({ ...ENV, GITHUB_STEP_SUMMARY: '/dev/null' })
    const index = (name: string, value?: unknown) =>
      calls.findIndex(([n, a]) => n === name && (value === undefined || a === value))
    const printed = (from: number) =>
      calls.findIndex(
        ([n], i) =>
          i > from && ['exportVariable', 'setOutput', 'info', 'startGroup', 'summary'].includes(n)
      )
    // The token: masked as soon as it arrives, before any line is printed (the debug lines of
    // the inputs come before the request).
    expect(index('setSecret', TOKEN)).toBe(index('token answer') + 1)
    expect(calls.slice(0, index('token answer')).every(([n]) => n === 'debug')).toBe(true)
    // The credentials: masked before anything is printed, exported or set as output after the exchange.
    const afterClaims = index('endGroup')
    const firstAfterExchange = printed(afterClaims)
    for (const secret of [
      CREDENTIALS.AccessKeyId,
      CREDENTIALS.SecretAccessKey,
      CREDENTIALS.SessionToken
    ]) {
      expect(index('setSecret', secret)).toBeGreaterThan(afterClaims)
      expect(index('setSecret', secret)).toBeLessThan(firstAfterExchange)
    }
    expect(index('error')).toBe(-1)
    expect(process.exitCode).toBeUndefined()
    // The mock answers send() itself, so the SDK's middleware never runs here: the token is put
    // in at serialization by the command's own middleware (token-at-serialize.test.ts; every e2e
    // test has the emulator verify it).
    const command = sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0].args[0]
    expect(command.input).toMatchObject({
      RoleArn: 'arn:aws:iam::111122223333:role/deploy',
      WebIdentityToken: TOKEN_NOT_YET,
      DurationSeconds: 3600
    })
    expect(command.middlewareStack.clone().remove('keylessAwsTokenAtSerialize')).toBe(true)
  })

  it('a job summary that cannot be written is a warning, not a failure with credentials in force', async () => {
    stsAnswers()
    summaryFails = true
    await run({ ...ENV, GITHUB_STEP_SUMMARY: '/dev/null' })
    expect(calls.filter(([n]) => n === 'error')).toEqual([])
    expect(process.exitCode).toBeUndefined()
    expect(calls).toContainEqual([
      'warning',
      'The job summary could not be written: EACCES: permission denied'
    ])
    expect(calls).toContainEqual([
      'exportVariable',
      'AWS_SECRET_ACCESS_KEY',
      CREDENTIALS.SecretAccessKey
    ])
  })

  it('exports, outputs and saves nothing when the exchange fails', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(Object.assign(new Error('Not authorized'), { name: 'AccessDenied' }))
    await run(ENV)
    const names = calls.map(([n]) => n)
    // One titled error and the exit code; setFailed would print the message a second time.
    expect(calls.filter(([n]) => n === 'error')).toEqual([
      [
        'error',
        expect.stringMatching(/^keyless-aws failed: /),
        { title: 'Trust policy did not accept the token' }
      ]
    ])
    expect(names).not.toContain('setFailed')
    expect(process.exitCode).toBe(1)
    expect(names).not.toContain('exportVariable')
    expect(names).not.toContain('setOutput')
    expect(names).not.toContain('saveState')
  })
})
