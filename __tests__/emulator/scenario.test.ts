import { describe, expect, it } from 'vitest'
import { defaultScenario, mergeScenario } from '../../emulator/scenario.js'

describe('mergeScenario', () => {
  it('merges objects key by key', () => {
    const merged = mergeScenario(defaultScenario, {
      github: { job: { environment: 'production' } }
    })
    expect(merged.github.job.environment).toBe('production')
    expect(merged.github.job.repository).toBe('octo-org/octo-repo')
    expect(merged.aws).toEqual(defaultScenario.aws)
  })

  it('replaces arrays and allows null', () => {
    const merged = mergeScenario(
      {
        ...defaultScenario,
        github: {
          ...defaultScenario.github,
          job: { ...defaultScenario.github.job, environment: 'x' }
        }
      },
      {
        github: { job: { environment: null } },
        aws: { accounts: { '111122223333': { oidcProviders: [] } } }
      }
    )
    expect(merged.github.job.environment).toBeNull()
    expect(merged.aws.accounts['111122223333'].oidcProviders).toEqual([])
    expect(Object.keys(merged.aws.accounts['111122223333'].roles)).toContain('deploy')
  })

  it('never aliases the default', () => {
    const merged = mergeScenario(defaultScenario)
    merged.aws.accounts['111122223333'].oidcProviders[0].clientIds.push('mutated')
    expect(defaultScenario.aws.accounts['111122223333'].oidcProviders[0].clientIds).not.toContain(
      'mutated'
    )
  })

  it('ships the documented roles', () => {
    const roles = defaultScenario.aws.accounts['111122223333'].roles
    expect(Object.keys(roles).sort()).toEqual([
      'analytics-reader',
      'build-readonly',
      'chained-target',
      'deploy',
      'identity-center-exchange',
      'prod-deploy'
    ])
    // sts:AssumeRole: in identity-enhanced mode it assumes the target role with the user's context.
    expect(roles['identity-center-exchange'].permissions).toEqual([
      'sso-oauth:CreateTokenWithIAM',
      'sts:AssumeRole'
    ])
    expect(roles.deploy.permissions).toEqual(['sts:GetWebIdentityToken', 'sts:AssumeRole'])
    expect(roles['prod-deploy'].permissions).toEqual(['sts:GetWebIdentityToken'])
    expect(defaultScenario.aws.accounts['111122223333'].outboundIdentityFederation).toEqual({
      enabled: true
    })
  })
})
