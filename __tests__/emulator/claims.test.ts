import { describe, expect, it } from 'vitest'
import { buildClaims, subjectFor } from '../../emulator/github/claims.js'
import { defaultScenario, mergeScenario } from '../../emulator/scenario.js'
import type { JobContext } from '../../emulator/scenario.js'

const job = defaultScenario.github.job

describe('subjectFor', () => {
  const cases: { name: string; changes: Partial<JobContext>; sub: string }[] = [
    { name: 'branch', changes: {}, sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
    {
      name: 'tag',
      changes: { ref: 'refs/tags/v1.2.0', refType: 'tag' },
      sub: 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.0'
    },
    {
      name: 'environment',
      changes: { environment: 'production' },
      sub: 'repo:octo-org/octo-repo:environment:production'
    },
    {
      name: 'environment wins over pull_request',
      changes: { environment: 'staging', eventName: 'pull_request' },
      sub: 'repo:octo-org/octo-repo:environment:staging'
    },
    {
      name: 'pull_request',
      changes: { eventName: 'pull_request', ref: 'refs/pull/7/merge' },
      sub: 'repo:octo-org/octo-repo:pull_request'
    },
    {
      name: 'colons in values are encoded',
      changes: { environment: 'Production:V1' },
      sub: 'repo:octo-org/octo-repo:environment:Production%3AV1'
    },
    {
      name: 'immutable branch',
      changes: { subjectFormat: 'immutable' },
      sub: 'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main'
    },
    {
      name: 'immutable environment',
      changes: { subjectFormat: 'immutable', environment: 'production' },
      sub: 'repo:octo-org@123456/octo-repo@456789:environment:production'
    },
    {
      name: 'immutable pull_request',
      changes: { subjectFormat: 'immutable', eventName: 'pull_request' },
      sub: 'repo:octo-org@123456/octo-repo@456789:pull_request'
    }
  ]

  it.each(cases)('$name', ({ changes, sub }) => {
    expect(subjectFor({ ...job, ...changes })).toBe(sub)
  })
})

describe('buildClaims', () => {
  const now = 1_800_000_000

  it('has GitHub lifetime: exp = iat + 300, nbf = iat - 600', () => {
    const claims = buildClaims(defaultScenario.github, 'sts.amazonaws.com', now)
    expect(claims).toMatchObject({ iat: now, nbf: now - 600, exp: now + 300 })
    expect(claims.aud).toBe('sts.amazonaws.com')
    expect(claims.iss).toBe('https://token.actions.githubusercontent.com')
  })

  it('applies clock skew to every time claim', () => {
    const { github } = mergeScenario(defaultScenario, { github: { clockSkewSeconds: -400 } })
    expect(buildClaims(github, 'a', now)).toMatchObject({
      iat: now - 400,
      nbf: now - 1000,
      exp: now - 100
    })
  })

  it('defaults aud to the owner URL and omits environment when none', () => {
    const claims = buildClaims(defaultScenario.github, undefined, now)
    expect(claims.aud).toBe('https://github.com/octo-org')
    expect(claims).not.toHaveProperty('environment')
  })

  it('carries every documented custom claim as a string', () => {
    const { github } = mergeScenario(defaultScenario, { github: { job: { environment: 'prod' } } })
    const claims = buildClaims(github, 'a', now)
    for (const name of [
      'actor',
      'actor_id',
      'base_ref',
      'head_ref',
      'environment',
      'event_name',
      'job_workflow_ref',
      'job_workflow_sha',
      'ref',
      'ref_type',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'repository_visibility',
      'run_id',
      'run_number',
      'run_attempt',
      'runner_environment',
      'sha',
      'workflow',
      'workflow_ref',
      'workflow_sha',
      'jti'
    ]) {
      expect(typeof claims[name], name).toBe('string')
    }
  })
})
