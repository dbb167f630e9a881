import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../../runner/job.js'
import { findLateMasks, findLeaks } from '../../../runner/leak-scan.js'
import { STATE_KEYS } from '../../../src/state/keys.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY'
const ISSUED = {
  issuedCredentials: [
    { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'session-token' }
  ]
}

/** A step's log with these masks and nothing else. */
function logWithMasks(...masks: string[]): StepResult['log'] {
  return { masks, errors: [], warnings: [], annotations: [], debug: [], lines: [], commands: [] }
}

function step(overrides: Partial<StepResult>): StepResult {
  return {
    entry: 'main',
    exitCode: 0,
    stdout: `::add-mask::${SECRET}\nAssumed role\n`,
    stderr: '',
    log: logWithMasks(SECRET),
    exported: { AWS_SECRET_ACCESS_KEY: SECRET },
    outputs: {},
    state: {},
    summary: '',
    files: { env: '', output: '', state: '' },
    fileCommands: [],
    envBefore: {},
    inputEnv: {},
    masksInForce: [SECRET],
    filesWritten: {},
    writes: [],
    ...overrides
  }
}

describe('findLeaks', () => {
  it('accepts a secret that is only masked and exported under its own variable', () => {
    expect(findLeaks(step({}), [SECRET], ISSUED)).toEqual([])
  })

  it.each<[string, Partial<StepResult>, string]>([
    [
      'a plain log line',
      { stdout: `::add-mask::${SECRET}\nkey is ${SECRET}\n` },
      'in stdout line 2'
    ],
    [
      'a line before the mask',
      { stdout: `debug ${SECRET}\n::add-mask::${SECRET}\n` },
      'in stdout line 1'
    ],
    [
      'a URL-encoded form',
      { stdout: `GET /?k=${encodeURIComponent(SECRET)}\n` },
      'in stdout line 1'
    ],
    [
      'a base64 form, as in a Basic authorization header',
      { stderr: `Authorization: Basic ${Buffer.from(SECRET).toString('base64')}` },
      'in stderr'
    ],
    [
      'a base64url form, as in a JWT',
      { summary: `token ${Buffer.from(SECRET).toString('base64url')}` },
      'in the step summary'
    ],
    [
      'its own variable, exported without a mask',
      {
        stdout: 'Assumed role\n',
        log: logWithMasks(),
        masksInForce: []
      },
      'in exported variable AWS_SECRET_ACCESS_KEY (and never masked)'
    ],
    [
      'the wrong credential variable',
      { exported: { AWS_SESSION_TOKEN: SECRET } },
      'in exported variable AWS_SESSION_TOKEN'
    ],
    ['stderr', { stderr: `Error: ${SECRET}` }, 'in stderr'],
    ['the summary', { summary: `| key | ${SECRET} |` }, 'in the step summary'],
    [
      'an output not allowed to hold it',
      { outputs: { 'aws-session-token': SECRET } },
      'in output aws-session-token'
    ],
    [
      'another exported variable',
      { exported: { SOMETHING_ELSE: SECRET } },
      'in exported variable SOMETHING_ELSE'
    ],
    [
      'a file the state does not declare',
      {
        filesWritten: { '/temp/keyless-aws/credentials-1': SECRET, '/temp/debug.log': SECRET },
        state: { [STATE_KEYS.writtenFiles]: JSON.stringify(['/temp/keyless-aws/credentials-1']) }
      },
      'in file /temp/debug.log'
    ],
    [
      'a file only the Identity Center session names: the list of written files is the one record',
      {
        filesWritten: { '/temp/keyless-aws/identity-center-token-1': SECRET },
        state: {
          [STATE_KEYS.identityCenterSession]: JSON.stringify({
            portalUrl: 'http://127.0.0.1:1',
            tokenFile: '/temp/keyless-aws/identity-center-token-1'
          })
        }
      },
      'in file /temp/keyless-aws/identity-center-token-1'
    ],
    [
      'a file named in a damaged list',
      {
        filesWritten: { '/temp/keyless-aws/credentials-1': SECRET },
        state: {
          [STATE_KEYS.writtenFiles]: JSON.stringify(['/temp/keyless-aws/credentials-1', 7])
        }
      },
      'in file /temp/keyless-aws/credentials-1'
    ],
    [
      'the saved state',
      { files: { env: '', output: '', state: `x<<EOF\n${SECRET}\nEOF\n` } },
      'in the saved state'
    ]
  ])('finds a secret in %s', (_where, overrides, message) => {
    const leaks = findLeaks(step(overrides), [SECRET], ISSUED)
    expect(leaks).toHaveLength(1)
    expect(leaks[0]).toContain(message)
  })

  it('finds an earlier value in state too: state is plain environment in post', () => {
    const s = step({
      envBefore: { AWS_SECRET_ACCESS_KEY: SECRET },
      files: { env: '', output: '', state: SECRET }
    })
    expect(findLeaks(s, [SECRET], ISSUED)).toEqual([expect.stringContaining('in the saved state')])
  })

  // A proxy password may hold what an annotation property or the summary's HTML escapes.
  it.each<[string, Partial<StepResult>, string]>([
    ['an annotation title', { stdout: '::error title=pass%3Aw%2Cord&<x>::failed\n' }, 'stdout'],
    ['a debug line', { stdout: '::debug::proxy pass:w,ord&<x>\n' }, 'stdout'],
    ['the summary, HTML-escaped', { summary: '<code>pass:w,ord&amp;&lt;x&gt;</code>' }, 'summary']
  ])('finds a secret with : , & < in %s', (_where, overrides, where) => {
    const leaks = findLeaks(step(overrides), ['pass:w,ord&<x>'], ISSUED)
    expect(leaks).toEqual([expect.stringContaining(where)])
  })

  it('allows a secret in a file the state lists for post to delete', () => {
    const s = step({
      state: {
        [STATE_KEYS.writtenFiles]: JSON.stringify(['/temp/keyless-aws/previous-values-1'])
      },
      filesWritten: { '/temp/keyless-aws/previous-values-1': JSON.stringify({ K: SECRET }) }
    })
    expect(findLeaks(s, [SECRET], ISSUED)).toEqual([])
  })

  it('allows a secret output only when the test says it was asked for', () => {
    const s = step({ outputs: { 'aws-secret-access-key': SECRET } })
    expect(findLeaks(s, [SECRET], { ...ISSUED, secretOutputs: ['aws-secret-access-key'] })).toEqual(
      []
    )
  })
})

describe('findLateMasks', () => {
  const ACCOUNT = '111122223333'
  const exported = (afterStdoutLines: number) => ({
    fileCommands: [
      {
        file: 'ENV' as const,
        afterStdoutLines,
        text: `AWS_SECRET_ACCESS_KEY<<EOF\n${SECRET}\nEOF\n`
      }
    ]
  })

  it('accepts a value masked before it is printed or written', () => {
    const s = step({
      stdout: `::add-mask::${SECRET}\n::add-mask::${ACCOUNT}\nCredentials of account ${ACCOUNT}\n`,
      log: logWithMasks(SECRET, ACCOUNT),
      ...exported(2)
    })
    expect(findLateMasks(s)).toEqual([])
  })

  it('finds a value written with a file command before its mask', () => {
    const s = step({ stdout: `Assumed role\n::add-mask::${SECRET}\n`, ...exported(1) })
    expect(findLateMasks(s)).toEqual([
      'main: masked value wJal…(41 chars) written to GITHUB_ENV before its mask on line 2'
    ])
  })

  it('finds a value printed before its mask, even one that is no secret', () => {
    const s = step({
      stdout: `Credentials of account ${ACCOUNT}\n::add-mask::${ACCOUNT}\n`,
      log: logWithMasks(ACCOUNT)
    })
    expect(findLateMasks(s)).toEqual([
      'main: masked value 1111…(12 chars) printed on stdout line 1, masked on line 2'
    ])
  })

  it('reads a mask of a value with a line break as the command escapes it', () => {
    const value = 'line one\n50% line two'
    const s = step({
      stdout: '::add-mask::line one%0A50%25 line two\n',
      log: logWithMasks(value),
      fileCommands: [{ file: 'OUTPUT', afterStdoutLines: 1, text: `x<<EOF\n${value}\nEOF\n` }]
    })
    expect(findLateMasks(s)).toEqual([])
  })
})
