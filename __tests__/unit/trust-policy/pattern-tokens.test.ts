import { describe, expect, it } from 'vitest'
import { Automaton } from '../../../src/trust-policy/automaton.js'
import {
  githubFilterTokens,
  iamWildcardTokens,
  literalTokens
} from '../../../src/trust-policy/pattern-tokens.js'
import type { Token } from '../../../src/trust-policy/pattern-tokens.js'

const matches = (tokens: Token[], text: string) => {
  const a = new Automaton(tokens)
  return a.run(a.closure([0]), text).includes(a.final)
}

describe('GitHub filter patterns', () => {
  it.each([
    ['feature/*', 'feature/a', true],
    ['feature/*', 'feature/a/b', false],
    ['feature/**', 'feature/a/b', true],
    ['**', '', true],
    ['*', 'a/b', false],
    ['v1.?', 'v1.', true],
    ['v1.?', 'v1', true],
    ['v1.?', 'v1..', false],
    ['v2+', 'v222', true],
    ['v2+', 'v', false],
    ['v[12].[0-9]+.x', 'v1.10.x', true],
    ['v[12].[0-9]+.x', 'v3.1.x', false],
    ['v[12].[0-9]+.x', 'v1.a.x', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['[ab', '[ab', true]
  ])('%s against %j is %s', (pattern, text, expected) => {
    expect(matches(githubFilterTokens(pattern), text)).toBe(expected)
  })
})

describe('IAM wildcards and literals', () => {
  it.each([
    ['a*c', 'ab/bc', true],
    ['a?c', 'a/c', true],
    ['a?c', 'ac', false],
    ['a+c', 'aac', false],
    ['a+c', 'a+c', true]
  ])('%s against %j is %s', (pattern, text, expected) => {
    expect(matches(iamWildcardTokens(pattern), text)).toBe(expected)
  })

  it('compares a literal exactly, or in any case', () => {
    expect(matches(literalTokens('Main'), 'Main')).toBe(true)
    expect(matches(literalTokens('Main'), 'main')).toBe(false)
    expect(matches(literalTokens('Main', true), 'mAIN')).toBe(true)
    expect(matches(literalTokens('a*'), 'ab')).toBe(false)
  })
})
