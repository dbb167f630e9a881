import { describe, expect, it } from 'vitest'
import { defaultSessionName } from '../../src/config/session-name.js'

describe('defaultSessionName', () => {
  it.each([
    [
      {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_RUN_ID: '1234567890',
        GITHUB_RUN_ATTEMPT: '3'
      },
      'octo-org.octo-repo-1234567890-3'
    ],
    [{ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '5' }, 'o.r-5-1'],
    [
      { GITHUB_REPOSITORY: 'ünï/cödé', GITHUB_RUN_ID: '5', GITHUB_RUN_ATTEMPT: '1' },
      '_n_.c_d_-5-1'
    ],
    [{}, 'keyless-aws']
  ])('%j → %s', (env, expected) => {
    expect(defaultSessionName(env)).toBe(expected)
  })

  it('keeps the end of a long repository name and the whole run id, within 64 characters', () => {
    const name = defaultSessionName({
      GITHUB_REPOSITORY: `org/${'a'.repeat(80)}-tail`,
      GITHUB_RUN_ID: '98765432101',
      GITHUB_RUN_ATTEMPT: '12'
    })
    expect(name).toHaveLength(64)
    expect(name).toMatch(/a-tail-98765432101-12$/)
    expect(name).toMatch(/^[\w+=,.@-]+$/)
  })
})
