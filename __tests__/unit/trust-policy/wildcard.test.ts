import { describe, expect, it } from 'vitest'
import { hasWildcard, wildcardMatch } from '../../../src/trust-policy/wildcard.js'

describe('wildcardMatch (IAM: * any run, ? one character)', () => {
  it.each([
    ['*', '', true],
    ['a*c', 'abbbc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['repo:o/r:*', 'repo:o/r:ref:refs/heads/x', true],
    ['a.c', 'abc', false],
    ['(a)+', '(a)+', true],
    ['a*', 'a\nb', true]
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected)
  })

  it('is case-sensitive unless asked (Action is not)', () => {
    expect(wildcardMatch('sts:Assume*', 'STS:ASSUMEROLE')).toBe(false)
    expect(wildcardMatch('sts:Assume*', 'STS:ASSUMEROLE', true)).toBe(true)
  })

  it('knows a wildcard when it sees one', () => {
    expect([hasWildcard('repo:o/*'), hasWildcard('a?'), hasWildcard('repo:o/r:ref')]).toEqual([
      true,
      true,
      false
    ])
  })
})
