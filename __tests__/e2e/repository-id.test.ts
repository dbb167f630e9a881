// The immutable repository ids in what the step shows: trust policies and Identity Center's
// trusted token issuer (as docs/trust-setup.md sets it up) match on repository_id.
import { describe, expect, it } from 'vitest'
import {
  expectNoLeaks,
  expectNothingExported,
  failure,
  IDENTITY_CENTER,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

// The emulator's default job: octo-org/octo-repo, repository id 456789, owner id 123456.
const REPOSITORY_ID = '456789'
const OWNER_ID = '123456'

describe('repository_id and repository_owner_id, on the bundled action', () => {
  const ctx = useEmulator()

  it('are in the group of claims that trust policies match on, after repository', async () => {
    const { emu } = ctx
    const main = await newJob(emu).run('main', STS_INPUTS)
    expect(main.exitCode, failure(main)).toBe(0)
    const lines = main.log.lines
    const group = lines.slice(
      lines.indexOf('##[group]OIDC token claims that trust policies match on'),
      lines.indexOf('##[endgroup]')
    )
    expect(group).toEqual(
      expect.arrayContaining([
        'repository           octo-org/octo-repo',
        `repository_id        ${REPOSITORY_ID}`,
        `repository_owner_id  ${OWNER_ID}`
      ])
    )
    const at = (line: string) => group.findIndex((l) => l.startsWith(line))
    expect(at('repository ')).toBeLessThan(at('repository_id '))
    expect(at('repository_id ')).toBeLessThan(at('repository_owner_id '))
    expectNoLeaks(emu, main)
  })

  it('are named in the diagnosis when Identity Center maps the token to no user', async () => {
    const { emu } = ctx
    const job = newJob(emu)
    emu.scenario.identityCenter.users = []
    const main = await job.run('main', IDENTITY_CENTER)
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Identity Center rejected the GitHub token: /
    )
    expect(failure(main)).toContain(
      [
        '  repository = octo-org/octo-repo',
        `  repository_id = ${REPOSITORY_ID}`,
        `  repository_owner_id = ${OWNER_ID}`
      ].join('\n')
    )
    // The failure summary lists the claims the step saw, the ids among them.
    expect(main.summary).toContain(
      `<td>token repository_id</td><td><code>${REPOSITORY_ID}</code></td>`
    )
    expectNoLeaks(emu, main)
  })
})
