import { describe, expect, it } from 'vitest'
import { ANY, rangeOf, rangeWithout, variable } from '../../../src/trust-policy/claim-set.js'
import type { ClaimSet, VariableRange } from '../../../src/trust-policy/claim-set.js'
import { decideForClaimSet } from '../../../src/trust-policy/claim-set-decision.js'
import { parsePolicyDocument } from '../../../src/trust-policy/document.js'
import type { ConditionBlock } from '../../../src/trust-policy/document.js'
import { ACTION, ISSUER, PROVIDER, allow, deny } from './evaluator-cases.js'

const K = 'token.actions.githubusercontent.com'
const REPO = 'octo-org/octo-repo'

/** A push to any branch of `branches`, as a workflow's `on: push: branches:` would give. */
function pushTo(branches: VariableRange, more: Partial<ClaimSet['claims']> = {}): ClaimSet {
  return {
    claims: {
      sub: [`repo:${REPO}:ref:refs/heads/`, variable('branch')],
      ref: ['refs/heads/', variable('branch')],
      aud: 'sts.amazonaws.com',
      repository: REPO,
      ...more
    },
    variables: { branch: branches }
  }
}

function decide(set: ClaimSet, ...conditions: (ConditionBlock | ReturnType<typeof deny>)[]) {
  const statements = conditions.map((c) => ('Effect' in c ? c : allow(c as ConditionBlock)))
  const policy = parsePolicyDocument(JSON.parse(JSON.stringify({ Statement: statements })))
  return decideForClaimSet(policy, { action: ACTION, providerArn: PROVIDER }, ISSUER, set)
}

describe('decideForClaimSet', () => {
  it('accepts a filter the policy covers, for every branch it admits', () => {
    const verdict = decide(pushTo(rangeOf(['release/*'])), {
      StringLike: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/release/*` }
    })
    expect(verdict).toMatchObject({ all: true, some: true, refused: undefined })
  })

  it('IAM’s * spans /, so release/** is covered by release/* in the policy', () => {
    const verdict = decide(pushTo(rangeOf(['release/**'])), {
      StringLike: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/release/*` }
    })
    expect(verdict.all).toBe(true)
  })

  it('but a GitHub * does not: release/* in the policy as StringLike with ? fails for a/b', () => {
    const verdict = decide(pushTo(rangeOf(['release/**'])), {
      StringLike: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/release/?` }
    })
    expect(verdict.all).toBe(false)
    expect(verdict.some).toBe(true)
    expect(verdict.refused?.values.branch).toMatch(/^release\//)
  })

  it('refuses a pattern when one branch it admits is refused, and shows that branch', () => {
    const verdict = decide(pushTo(rangeOf(['main', 'release/*'])), {
      StringEquals: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/main` }
    })
    expect(verdict.all).toBe(false)
    expect(verdict.some).toBe(true)
    expect(verdict.refused?.claims.sub).toMatch(
      new RegExp(`^repo:${REPO}:ref:refs/heads/release/[^/]*$`)
    )
    expect(verdict.refused?.decision.conditions.map((c) => c.key)).toEqual([`${K}:sub`])
    expect(verdict.accepted?.values.branch).toBe('main')
  })

  it('knows a negated filter takes branches back', () => {
    const policy = { StringEquals: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/main` } }
    expect(decide(pushTo(rangeOf(['**', '!main'])), policy)).toMatchObject({
      all: false,
      some: false
    })
    expect(decide(pushTo(rangeWithout(['main'])), policy)).toMatchObject({
      all: false,
      some: false
    })
    expect(decide(pushTo(rangeOf(['ma*', '!mai?', 'main'])), policy).all).toBe(false)
    expect(decide(pushTo(rangeOf(['main', '!main', 'main'])), policy).all).toBe(true)
  })

  it('finds the one branch a Deny catches inside an allowed pattern', () => {
    const verdict = decide(
      pushTo(rangeOf(['**'])),
      { StringLike: { [`${K}:sub`]: `repo:${REPO}:*` } },
      deny({ StringLike: { [`${K}:sub`]: `*:refs/heads/dependabot/*` } })
    )
    expect(verdict.all).toBe(false)
    expect(verdict.refused?.values.branch).toMatch(/^dependabot\//)
    expect(verdict.refused?.decision).toMatchObject({
      reason: 'explicit-deny',
      statement: { index: 1 }
    })
  })

  it('ties claims that share a variable: sub and ref name the same branch', () => {
    const sub = { StringLike: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/v*` } }
    const both = { ...sub, StringEquals: { [`${K}:ref`]: 'refs/heads/v1' } }
    expect(decide(pushTo(rangeOf(['v1'])), both).all).toBe(true)
    const verdict = decide(pushTo(rangeOf(['v*'])), both)
    expect(verdict.all).toBe(false)
    expect(verdict.refused?.claims.ref).not.toBe('refs/heads/v1')
    expect(verdict.refused?.claims.sub).toBe(`repo:${REPO}:ref:${verdict.refused?.claims.ref}`)
  })

  it('treats a claim the check cannot know as any value', () => {
    const set: ClaimSet = {
      ...pushTo(rangeOf(['main'])),
      claims: { ...pushTo(rangeOf(['main'])).claims, actor: [variable('actor')] },
      variables: { branch: rangeOf(['main']), actor: ANY }
    }
    const verdict = decide(set, { StringEquals: { [`${K}:actor`]: 'octocat' } })
    expect(verdict).toMatchObject({ all: false, some: true })
  })

  it('compares case-insensitively where the operator does', () => {
    const verdict = decide(pushTo(rangeOf(['Main'])), {
      StringEqualsIgnoreCase: { [`${K}:sub`]: `REPO:${REPO.toUpperCase()}:REF:REFS/HEADS/MAIN` }
    })
    expect(verdict.all).toBe(true)
  })

  it('keeps out of a value the characters its range excludes (git refuses : in a branch)', () => {
    const policy = { StringLike: { [`${K}:sub`]: `repo:${REPO}:ref:refs/heads/*:x` } }
    expect(decide(pushTo(rangeOf(['**'])), policy).some).toBe(true)
    expect(decide(pushTo({ ...rangeOf(['**']), excluded: ':' }), policy).some).toBe(false)
  })

  it('is vacuously all for an empty range (a job that never runs)', () => {
    const verdict = decide(pushTo(rangeOf(['a', '!a'])), {})
    expect(verdict).toMatchObject({ all: true, some: false })
  })

  it('decides a known claim set exactly once', () => {
    const set: ClaimSet = {
      claims: { sub: `repo:${REPO}:pull_request`, aud: 'sts.amazonaws.com' },
      variables: {}
    }
    const verdict = decide(set, { StringLike: { [`${K}:sub`]: `repo:${REPO}:*` } })
    expect(verdict).toMatchObject({ all: true, some: true, accepted: { values: {} } })
  })
})
