// For each kind of trigger: the bundled check-trust decides a workflow's job against a policy that
// accepts it and one that refuses it; then the action itself runs against the emulator's STS with
// the same policy, for a token of that job (a sample of the set, or the check's refused example),
// and STS decides as the check said it would.
import { describe, expect, it } from 'vitest'
import type { JobContext } from '../../emulator/scenario.js'
import {
  assumeWith,
  check,
  exactSub,
  jobContextOf,
  likeSub,
  policy,
  workflow,
  AUD,
  K
} from './check-trust-fixture.js'
import type { Report } from './check-trust-fixture.js'
import { failure, useEmulator } from './fixture.js'

const R = 'repo:octo-org/octo-repo'

interface TriggerCase {
  readonly name: string
  readonly files: Record<string, string>
  readonly event: string
  readonly sub: string
  readonly accepting: Record<string, unknown>
  readonly refusing: Record<string, unknown>
  /** A token the job could carry, for the emulator. */
  readonly sample: Partial<JobContext>
}

const called = [
  'on: workflow_call',
  'jobs:',
  '  apply:',
  '    runs-on: ubuntu-latest',
  '    environment: production',
  '    steps:',
  '      - uses: octo-org/keyless-aws@v1',
  "        with: { aws-region: eu-west-1, role-to-assume: 'arn:aws:iam::111122223333:role/checked' }",
  ''
].join('\n')
const caller =
  'name: Release\non: { push: { branches: [main] } }\njobs:\n  call:\n    uses: ./.github/workflows/apply.yml\n'
const APPLY_REF = 'octo-org/octo-repo/.github/workflows/apply.yml@refs/heads/main'

const CASES: TriggerCase[] = [
  {
    name: 'push to a branch',
    files: { '.github/workflows/deploy.yml': workflow('{ push: { branches: [main] } }') },
    event: 'push',
    sub: `${R}:ref:refs/heads/main`,
    accepting: exactSub(`${R}:ref:refs/heads/main`),
    refusing: exactSub(`${R}:ref:refs/heads/release`),
    sample: { eventName: 'push', ref: 'refs/heads/main' }
  },
  {
    name: 'push of a tag',
    files: { '.github/workflows/deploy.yml': workflow("{ push: { tags: ['v*'] } }") },
    event: 'push',
    sub: `${R}:ref:refs/tags/v*`,
    accepting: likeSub(`${R}:ref:refs/tags/v*`),
    refusing: likeSub(`${R}:ref:refs/tags/v1.*`),
    sample: { eventName: 'push', ref: 'refs/tags/v2.0.0', refType: 'tag' }
  },
  {
    name: 'the pull_request job',
    files: { '.github/workflows/plan.yml': workflow('pull_request') },
    event: 'pull_request',
    sub: `${R}:pull_request`,
    accepting: exactSub(`${R}:pull_request`),
    refusing: exactSub(`${R}:ref:refs/heads/main`),
    sample: { eventName: 'pull_request', ref: 'refs/pull/7/merge' }
  },
  {
    name: 'the environment job against a main-only policy',
    files: {
      '.github/workflows/deploy.yml': workflow(
        '{ push: { branches: [main] } }',
        '    environment: production'
      )
    },
    event: 'push',
    sub: `${R}:environment:production`,
    accepting: exactSub(`${R}:environment:production`),
    refusing: exactSub(`${R}:ref:refs/heads/main`),
    sample: { eventName: 'push', ref: 'refs/heads/main', environment: 'production' }
  },
  {
    name: 'workflow_dispatch, on any branch or tag',
    files: { '.github/workflows/deploy.yml': workflow('workflow_dispatch') },
    event: 'workflow_dispatch',
    sub: `${R}:ref:refs/heads/**`,
    accepting: likeSub(`${R}:ref:refs/*`),
    refusing: likeSub(`${R}:ref:refs/heads/*`),
    sample: { eventName: 'workflow_dispatch', ref: 'refs/heads/feature/x' }
  },
  {
    name: 'schedule, on the default branch',
    files: { '.github/workflows/nightly.yml': workflow("{ schedule: [{ cron: '0 3 * * *' }] }") },
    event: 'schedule',
    sub: `${R}:ref:refs/heads/main`,
    accepting: exactSub(`${R}:ref:refs/heads/main`),
    refusing: exactSub(`${R}:pull_request`),
    sample: { eventName: 'schedule', ref: 'refs/heads/main' }
  },
  {
    name: 'release, on its tag',
    files: { '.github/workflows/release.yml': workflow('{ release: { types: [published] } }') },
    event: 'release',
    sub: `${R}:ref:refs/tags/**`,
    accepting: likeSub(`${R}:ref:refs/tags/*`),
    refusing: exactSub(`${R}:ref:refs/heads/main`),
    sample: { eventName: 'release', ref: 'refs/tags/v1.0.0', refType: 'tag' }
  },
  {
    name: 'merge_group, on the queue’s branch',
    files: { '.github/workflows/queue.yml': workflow('{ merge_group: { branches: [main] } }') },
    event: 'merge_group',
    sub: `${R}:ref:refs/heads/gh-readonly-queue/main/**`,
    accepting: likeSub(`${R}:ref:refs/heads/gh-readonly-queue/main/*`),
    refusing: exactSub(`${R}:ref:refs/heads/main`),
    sample: { eventName: 'merge_group', ref: 'refs/heads/gh-readonly-queue/main/pr-7-9f3c2a1b' }
  },
  {
    name: 'a reusable workflow: the caller’s sub, its own job_workflow_ref',
    files: { '.github/workflows/apply.yml': called, '.github/workflows/release.yml': caller },
    event: 'push',
    sub: `${R}:environment:production`,
    accepting: policy({
      StringEquals: { ...AUD, [`${K}:sub`]: `${R}:environment:production` },
      StringLike: { [`${K}:job_workflow_ref`]: 'octo-org/octo-repo/.github/workflows/apply.yml@*' }
    }),
    refusing: policy({
      StringEquals: { ...AUD, [`${K}:sub`]: `${R}:environment:production` },
      StringLike: { [`${K}:job_workflow_ref`]: 'octo-org/octo-automation/*' }
    }),
    sample: {
      eventName: 'push',
      ref: 'refs/heads/main',
      environment: 'production',
      jobWorkflowRef: APPLY_REF
    }
  }
]

describe('check-trust, trigger by trigger, agrees with STS', () => {
  const holder = useEmulator()

  it.each(CASES)(
    '$name: accepted by the check and by STS',
    async ({ files, event, sub, accepting, sample }) => {
      const { emu } = holder
      const accepted = await check({ ...files, 'policy.json': JSON.stringify(accepting) })
      const rows = accepted.report.jobs
      expect(rows.map((j) => j.sub)).toContain(sub)
      expect(rows.map((j) => [j.event, j.accepted, j.failing])).toEqual(
        rows.map(() => [event, true, []])
      )
      expect(accepted.report.findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(accepted.exitCode).toBe(0)
      const allowed = await assumeWith(emu, accepting, sample)
      expect(failure(allowed)).toBe('')
      expect(allowed.exitCode).toBe(0)
    }
  )

  it.each(CASES)(
    '$name: refused by the check and by STS',
    async ({ files, event, refusing, sample }) => {
      const { emu } = holder
      const refused = await check({ ...files, 'policy.json': JSON.stringify(refusing) })
      expect(refused.exitCode).toBe(1)
      const job = refused.report.jobs.find((j) => !j.accepted)
      if (!job) throw new Error('no job refused')
      expect(job.event).toBe(event)
      expect(job.failing.map((f) => f.key)).toEqual(
        expect.arrayContaining([expect.stringMatching(/:(sub|job_workflow_ref)$/)])
      )
      const denied = await assumeWith(emu, refusing, refusedToken(job, sample))
      expect(denied.exitCode).not.toBe(0)
      expect(failure(denied)).toContain('Trust policy did not accept the token')
    }
  )
})

/** The token the check says is refused: its example, or the job's one token when it has one. */
function refusedToken(
  job: Report['jobs'][number],
  sample: Partial<JobContext>
): Partial<JobContext> {
  if (!job.example) return sample
  return { ...sample, ...jobContextOf(job.event, job.example) }
}
