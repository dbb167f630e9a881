import { describe, expect, it } from 'vitest'
import type { ScenarioOverrides } from '../../emulator/index.js'
import {
  ACCOUNT,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const ISSUER = 'https://ghes.octo-corp.example/_services/token'
const HOST = 'ghes.octo-corp.example/_services/token'

/** A GitHub Enterprise Server: its own issuer, its own OIDC provider, trust keys under its host. */
const GHES: ScenarioOverrides = {
  github: { issuer: ISSUER },
  aws: {
    accounts: {
      [ACCOUNT]: {
        oidcProviders: [{ url: ISSUER, clientIds: ['sts.amazonaws.com'] }],
        roles: {
          deploy: {
            maxSessionDuration: 3600,
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}` },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                  Condition: {
                    StringEquals: {
                      [`${HOST}:aud`]: 'sts.amazonaws.com',
                      [`${HOST}:sub`]: 'repo:octo-org/octo-repo:ref:refs/heads/main'
                    }
                  }
                }
              ]
            }
          }
        }
      }
    }
  }
}

describe('GitHub Enterprise Server', () => {
  const ctx = useEmulator()

  it('works with its issuer and OIDC provider', async () => {
    const { emu } = ctx
    const main = await newJob(emu, GHES).run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    expect(main.log.lines).toContain(`iss                  ${ISSUER}`)
    expectNoLeaks(emu, main)
  })

  it('diagnoses a mismatch with the condition keys of that issuer', async () => {
    const { emu } = ctx
    const job = newJob(emu, GHES)
    emu.scenario.github.job.environment = 'production'
    const main = await job.run('main', STS_INPUTS)
    expectNothingExported(main)
    expect(failure(main)).toContain(`${HOST}:sub = repo:octo-org/octo-repo:environment:production`)
    expect(failure(main)).toContain(
      `Principal {"Federated": "arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}"}`
    )
    expect(failure(main)).toContain(
      `"${HOST}:sub": "repo:octo-org/octo-repo:environment:production"`
    )
    expectNoLeaks(emu, main)
  })
})
