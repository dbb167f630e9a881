import { describe, expect, it } from 'vitest'
import { conditionContext, globMatch, providerId } from '../../emulator/iam/trust.js'

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['a*c', 'abbbc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['repo:o/r:*', 'repo:o/r:ref:refs/heads/x', true],
    ['a.c', 'abc', false],
    ['(a)+', '(a)+', true]
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected)
  })
})

describe('providerId', () => {
  it.each([
    ['https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['https://token.actions.githubusercontent.com/', 'token.actions.githubusercontent.com'],
    ['https://ghes.example.com/_services/token', 'ghes.example.com/_services/token']
  ])('%s → %s', (url, id) => {
    expect(providerId(url)).toBe(id)
  })
})

describe('conditionContext', () => {
  it('keys every scalar claim by issuer host and path, lower-cased', () => {
    const context = conditionContext('https://ghes.example.com/_services/token', {
      sub: 'repo:o/r:ref:refs/heads/main',
      aud: ['a', 'b'],
      run_attempt: 1,
      nested: { ignored: true }
    })
    expect(context).toEqual({
      'ghes.example.com/_services/token:sub': ['repo:o/r:ref:refs/heads/main'],
      'ghes.example.com/_services/token:aud': ['a', 'b'],
      'ghes.example.com/_services/token:run_attempt': ['1'],
      'ghes.example.com/_services/token:nested': []
    })
  })
})
