import { describe, expect, it } from 'vitest'
import type { Emulator, ScenarioOverrides } from '../../emulator/index.js'
import {
  afterFirstChainStep,
  expectNoLeaks,
  expectNothingExported,
  expectRefusedBeforeAnyRequest,
  failure,
  latestCredentials,
  newJob,
  roleArn,
  useEmulator,
  CHAINED,
  CHAIN_FROM,
  TRUSTS_WITHOUT_TAGS
} from './fixture.js'

const FIRST = CHAIN_FROM
// What the runner sets for a step, with characters STS refuses in tag values (#, parentheses).
const RUN = {
  GITHUB_WORKFLOW: 'Deploy (prod) #1',
  GITHUB_ACTION: '__keyless-aws_keyless-aws',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: '9f3c2a1b7e6d5c4b3a2918f7e6d5c4b3a2918f7e',
  GITHUB_REF: 'refs/heads/feature/tags',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_JOB: 'deploy',
  GITHUB_TRIGGERING_ACTOR: 'hubot'
}
// The job's own GITHUB_REPOSITORY and GITHUB_RUN_ID come from the runner (runner/job.ts).
const EXPECTED_TAGS = {
  GitHub: 'Actions',
  Repository: 'octo-org/octo-repo',
  Workflow: 'Deploy _prod_ _1',
  Action: '__keyless-aws_keyless-aws',
  Actor: 'octocat',
  Commit: '9f3c2a1b7e6d5c4b3a2918f7e6d5c4b3a2918f7e',
  Branch: 'refs/heads/feature/tags',
  EventName: 'push',
  RunId: '1234567890',
  Job: 'deploy',
  TriggeringActor: 'hubot'
}
const DROPPABLE = ['EventName', 'RunId', 'Job', 'TriggeringActor']

/** A job whose first step exported the deploy role's credentials. */
async function chainingJob(emu: Emulator, scenario?: ScenarioOverrides) {
  const job = await afterFirstChainStep(emu, scenario, RUN)
  emu.resetLog()
  return job
}

describe('session tags on role chaining, as configure-aws-credentials sets them', () => {
  const ctx = useEmulator()

  it('tags the run, custom-tags and transitive keys; values sanitised as STS requires', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu)
    const main = await job.run('main', {
      ...CHAINED,
      'custom-tags': '{"Team": "payments", "Tier": 2, "Reviewed": true}',
      'transitive-tag-keys': 'Team\nRepository'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    const session = latestCredentials(emu)
    expect(session.roleArn).toBe(roleArn('chained-target'))
    expect(session.sessionTags).toEqual({
      ...EXPECTED_TAGS,
      Team: 'payments',
      Tier: '2',
      Reviewed: 'true'
    })
    expect(session.transitiveTagKeys).toEqual(['Team', 'Repository'])
    expectNoLeaks(emu, main)
  })

  it('a long value is cut to the 256 characters STS takes', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu)
    const main = await job.run('main', CHAINED, { GITHUB_REF: `refs/heads/${'a'.repeat(300)}` })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(latestCredentials(emu).sessionTags?.Branch).toBe(`refs/heads/${'a'.repeat(245)}`)
    expectNoLeaks(emu, main)
  })

  it('role-skip-session-tagging: no tags, so a target that does not allow sts:TagSession accepts', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu, TRUSTS_WITHOUT_TAGS)
    const main = await job.run('main', { ...CHAINED, 'role-skip-session-tagging': 'true' })
    expect(main.exitCode, failure(main)).toBe(0)
    expect(latestCredentials(emu).sessionTags).toBeUndefined()
    expectNoLeaks(emu, main)
  })

  it('a target that does not allow sts:TagSession: its own title, both ways out, exports nothing', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu, TRUSTS_WITHOUT_TAGS)
    const main = await job.run('main', CHAINED)
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Target role does not allow session tags: sts:AssumeRole on .*sts:TagSession/
    )
    expect(failure(main)).toContain('add "sts:TagSession" to the Action')
    expect(failure(main)).toContain('role-skip-session-tagging: true')
    expectNoLeaks(emu, main)
  })

  it('PackedPolicyTooLarge once: tries again without the run’s metadata tags, as the incumbent', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu, { faults: { 'sts:AssumeRole': { script: [PACKED] } } })
    const main = await job.run('main', CHAINED)
    expect(main.exitCode, failure(main)).toBe(0)
    expect(emu.log.map((r) => `${r.action} ${r.status}`)).toEqual([
      'AssumeRole 400',
      'AssumeRole 200'
    ])
    const kept = Object.fromEntries(
      Object.entries(EXPECTED_TAGS).filter(([key]) => !DROPPABLE.includes(key))
    )
    expect(latestCredentials(emu).sessionTags).toEqual(kept)
    expect(main.log.lines.join('\n')).toContain('trying once more without the tags EventName')
    expectNoLeaks(emu, main)
  })

  it('PackedPolicyTooLarge again: explains that tags and policies share the space, and what to trim', async () => {
    const { emu } = ctx
    const job = await chainingJob(emu, { faults: { 'sts:AssumeRole': { always: PACKED } } })
    const main = await job.run('main', { ...CHAINED, 'custom-tags': '{"Team": "payments"}' })
    expectNothingExported(main)
    const text = failure(main)
    expect(text).toMatch(
      /^keyless-aws failed: STS rejected a parameter: sts:AssumeRole on .*PackedPolicyTooLarge/
    )
    expect(text).toContain('STS packs the session tags and the session policies into one')
    expect(text).toContain('fewer or shorter custom-tags')
    expect(text).toContain('managed-session-policies')
    expectNoLeaks(emu, main)
  })

  const tooMany = JSON.stringify(
    Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`K${i}`, 'v']))
  )
  it.each([
    [
      'custom-tags not JSON',
      { 'custom-tags': 'Team=payments' },
      'Input custom-tags: is not a JSON object'
    ],
    [
      'custom-tags an array',
      { 'custom-tags': '["payments"]' },
      'Input custom-tags: is not a JSON object'
    ],
    [
      'a value that is an object',
      { 'custom-tags': '{"Team": {"name": "payments"}}' },
      'the value of "Team" is not a string, number or boolean'
    ],
    [
      'a key STS refuses',
      { 'custom-tags': '{"Team#1": "payments"}' },
      'the key "Team#1" is not a tag key; use 1 to 128 characters from letters, digits, spaces and _.:/=+-@'
    ],
    [
      'a key keyless-aws sets itself',
      { 'custom-tags': '{"repository": "other"}' },
      'the key "repository" is one keyless-aws sets itself'
    ],
    ['an aws: key', { 'custom-tags': '{"aws:Team": "x"}' }, 'starts with aws:'],
    ['too many tags', { 'custom-tags': tooMany }, 'more than the 50 STS allows on a session'],
    [
      'a transitive key that is not a tag',
      { 'transitive-tag-keys': 'Team' },
      'Input transitive-tag-keys: "Team" is not a key of this session’s tags'
    ],
    [
      'custom-tags with role-skip-session-tagging',
      { 'custom-tags': '{"Team": "payments"}', 'role-skip-session-tagging': 'true' },
      'Input custom-tags: not used with role-skip-session-tagging: true'
    ],
    [
      'role-skip-session-tagging not a boolean',
      { 'role-skip-session-tagging': 'yes' },
      'Input role-skip-session-tagging:'
    ]
  ])(
    'bad input, %s: names the input and what is accepted, exports nothing',
    async (_n, bad, says) => {
      const { emu } = ctx
      const main = await newJob(emu, undefined, RUN).run('main', { ...CHAINED, ...bad })
      expectRefusedBeforeAnyRequest(emu, main)
      expect(failure(main)).toMatch(/^keyless-aws failed: Invalid input: /)
      expect(failure(main)).toContain(says)
    }
  )

  it('custom-tags without role-chaining: refused, since AssumeRoleWithWebIdentity takes none', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, RUN).run('main', {
      ...FIRST,
      'custom-tags': '{"Team": "payments"}'
    })
    expectRefusedBeforeAnyRequest(emu, main)
    expect(failure(main)).toContain(
      'Input custom-tags: session tags go only on the AssumeRole of role-chaining: true'
    )
  })

  it('role-skip-session-tagging on the OIDC path: accepted, as a migrated workflow sets it', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, RUN).run('main', {
      ...FIRST,
      'role-skip-session-tagging': 'true'
    })
    expect(main.exitCode, failure(main)).toBe(0)
    expectNoLeaks(emu, main)
  })
})

const PACKED = {
  kind: 'error' as const,
  status: 400,
  code: 'PackedPolicyTooLarge',
  message:
    'Packed policy consumes 112% of allotted space, please use smaller policy for this session'
}
