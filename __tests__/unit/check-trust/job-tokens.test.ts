import { describe, expect, it } from 'vitest'
import { tokenRows } from '../../../src/check-trust/job-tokens.js'
import { parseRepository } from '../../../src/check-trust/repository.js'
import { DEFAULT_SUB_KEYS } from '../../../src/check-trust/subject.js'
import { parseWorkflow } from '../../../src/check-trust/workflow-file.js'
import { describeClaim } from '../../../src/trust-policy/claim-set.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'

function rows(
  files: Record<string, string>,
  options: { repository?: string; subKeys?: string[] } = {}
) {
  const workflows = Object.entries(files).map(([name, text]) =>
    parseWorkflow(`.github/workflows/${name}`, text)
  )
  return tokenRows(workflows, {
    repository: parseRepository(options.repository ?? 'octo-org/octo-repo')!,
    defaultBranch: 'main',
    subKeys: options.subKeys ?? [...DEFAULT_SUB_KEYS]
  }).map((row) => ({
    job: row.job.id,
    event: row.run.event,
    role: row.role,
    sub: describeClaim(row.claims, 'sub'),
    aud: describeClaim(row.claims, 'aud'),
    ref: describeClaim(row.claims, 'ref'),
    environment: describeClaim(row.claims, 'environment'),
    job_workflow_ref: describeClaim(row.claims, 'job_workflow_ref'),
    workflow: describeClaim(row.claims, 'workflow')
  }))
}

/** A workflow with one job that assumes ROLE, under `on` and with more job keys. */
const workflow = (on: string, job = '', step = '') => `
name: Deploy
on: ${on}
jobs:
  deploy:
    runs-on: ubuntu-latest
${job}
    steps:
      - uses: actions/checkout@v5
      - uses: octo-org/keyless-aws@v1
        with:
          aws-region: eu-west-1
          role-to-assume: ${ROLE}
${step}
`

const subs = (r: ReturnType<typeof rows>) => r.map((x) => `${x.event} ${x.sub}`)

describe('tokenRows', () => {
  it('push to one branch: that branch’s ref in sub, ref and job_workflow_ref', () => {
    const [row, ...more] = rows({ 'deploy.yml': workflow('{ push: { branches: [main] } }') })
    expect(more).toEqual([])
    expect(row).toEqual({
      job: 'deploy',
      event: 'push',
      role: ROLE,
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      ref: 'refs/heads/main',
      environment: undefined,
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      workflow: 'Deploy'
    })
  })

  it('push without filters: any branch and any tag', () => {
    expect(subs(rows({ 'ci.yml': workflow('push') }))).toEqual([
      'push repo:octo-org/octo-repo:ref:refs/heads/**',
      'push repo:octo-org/octo-repo:ref:refs/tags/**'
    ])
  })

  it('push filters: branches with a negation, tags, and branches-ignore', () => {
    const on = "{ push: { branches: ['release/*', '!release/old'], tags: ['v*'] } }"
    expect(subs(rows({ 'ci.yml': workflow(on) }))).toEqual([
      'push repo:octo-org/octo-repo:ref:refs/heads/{release/*, !release/old}',
      'push repo:octo-org/octo-repo:ref:refs/tags/v*'
    ])
    expect(subs(rows({ 'ci.yml': workflow("{ push: { branches-ignore: ['wip/**'] } }") }))).toEqual(
      ['push repo:octo-org/octo-repo:ref:refs/heads/{**, !wip/**}']
    )
  })

  it('pull_request: the pull_request context, and the merge ref', () => {
    const [row] = rows({ 'ci.yml': workflow('pull_request') })
    expect(row).toMatchObject({
      sub: 'repo:octo-org/octo-repo:pull_request',
      ref: 'refs/pull/[0-9]+/merge'
    })
  })

  it('an environment wins the sub for every event', () => {
    const r = rows({ 'd.yml': workflow('[push, pull_request]', '    environment: production') })
    expect(r.map((x) => x.sub)).toEqual([
      'repo:octo-org/octo-repo:environment:production',
      'repo:octo-org/octo-repo:environment:production',
      'repo:octo-org/octo-repo:environment:production'
    ])
    expect(r[0].environment).toBe('production')
  })

  it('an environment given as a mapping, a colon encoded; one named by an expression is any', () => {
    const named = rows({ 'd.yml': workflow('release', '    environment:\n      name: prod:eu') })
    expect(named[0].sub).toBe('repo:octo-org/octo-repo:environment:prod%3Aeu')
    const expression = rows({
      'd.yml': workflow('release', '    environment: ${{ inputs.target }}')
    })
    expect(expression[0].sub).toBe('repo:octo-org/octo-repo:environment:**')
  })

  it('workflow_dispatch, release, schedule, merge_group, pull_request_target', () => {
    const on = `
  workflow_dispatch:
  release:
  schedule: [{ cron: '0 3 * * *' }]
  merge_group: { branches: [main] }
  pull_request_target: { branches: [main] }`
    expect(subs(rows({ 'all.yml': workflow(on) }))).toEqual([
      'workflow_dispatch repo:octo-org/octo-repo:ref:refs/heads/**',
      'workflow_dispatch repo:octo-org/octo-repo:ref:refs/tags/**',
      'release repo:octo-org/octo-repo:ref:refs/tags/**',
      'schedule repo:octo-org/octo-repo:ref:refs/heads/main',
      'merge_group repo:octo-org/octo-repo:ref:refs/heads/gh-readonly-queue/main/**',
      'pull_request_target repo:octo-org/octo-repo:{pull_request, ref:refs/heads/main}'
    ])
  })

  it('a reusable workflow: the caller’s sub and workflow, its own job_workflow_ref', () => {
    const called = `
on: workflow_call
jobs:
  apply:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: octo-org/keyless-aws@v1
        with: { role-to-assume: '${ROLE}', aws-region: eu-west-1 }
`
    const caller = (uses: string) => `
name: Release
on: { push: { branches: [main] } }
jobs:
  call:
    uses: ${uses}
`
    const local = rows({
      'apply.yml': called,
      'release.yml': caller('./.github/workflows/apply.yml')
    })
    expect(local).toEqual([
      expect.objectContaining({
        job: 'apply',
        event: 'push',
        sub: 'repo:octo-org/octo-repo:environment:production',
        ref: 'refs/heads/main',
        workflow: 'Release',
        job_workflow_ref: 'octo-org/octo-repo/.github/workflows/apply.yml@refs/heads/main'
      })
    ])
    const pinned = rows({
      'apply.yml': called,
      'release.yml': caller('octo-org/octo-repo/.github/workflows/apply.yml@v2')
    })
    expect(pinned[0].job_workflow_ref).toBe(
      'octo-org/octo-repo/.github/workflows/apply.yml@{refs/heads/v2, refs/tags/v2}'
    )
    expect(rows({ 'apply.yml': called })).toEqual([])
  })

  it('a customised sub: the keys in their order, a `:` between', () => {
    const r = rows(
      { 'd.yml': workflow('{ push: { branches: [main] } }') },
      {
        subKeys: ['repo', 'context', 'job_workflow_ref']
      }
    )
    expect(r[0].sub).toBe(
      'repo:octo-org/octo-repo:ref:refs/heads/main:job_workflow_ref:octo-org/octo-repo/.github/workflows/d.yml@refs/heads/main'
    )
    const owner = rows(
      { 'd.yml': workflow('pull_request') },
      { subKeys: ['repository_owner', 'context'] }
    )
    expect(owner[0].sub).toBe('repository_owner:octo-org:pull_request')
  })

  it('the immutable repository form', () => {
    const r = rows(
      { 'd.yml': workflow('{ push: { branches: [main] } }') },
      { repository: 'octo-org@123456/octo-repo@456789' }
    )
    expect(r[0].sub).toBe('repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main')
    expect(r[0].job_workflow_ref).toBe('octo-org/octo-repo/.github/workflows/d.yml@refs/heads/main')
  })

  it('a job’s if: limits its events and refs', () => {
    const on = '[push, pull_request]'
    expect(subs(rows({ 'd.yml': workflow(on, "    if: github.event_name == 'push'") }))).toEqual([
      'push repo:octo-org/octo-repo:ref:refs/heads/**',
      'push repo:octo-org/octo-repo:ref:refs/tags/**'
    ])
    expect(
      subs(rows({ 'd.yml': workflow(on, "    if: ${{ github.ref == 'refs/heads/main' }}") }))
    ).toEqual(['push repo:octo-org/octo-repo:ref:refs/heads/main'])
    expect(
      subs(rows({ 'd.yml': workflow(on, "    if: startsWith(github.ref, 'refs/tags/')") }))
    ).toEqual(['push repo:octo-org/octo-repo:ref:refs/tags/**'])
    // An `||` could let anything through: the job is taken to run on every trigger.
    expect(
      rows({ 'd.yml': workflow(on, "    if: github.event_name == 'push' || github.actor == 'x'") })
    ).toHaveLength(3)
  })

  it('every role a step assumes; steps that chain or read a token file ask GitHub for none', () => {
    const profiles =
      '          role-profiles: |\n            ops = arn:aws:iam::111122223333:role/ops'
    expect(rows({ 'd.yml': workflow('release', '', profiles) }).map((r) => r.role)).toEqual([
      ROLE,
      'arn:aws:iam::111122223333:role/ops'
    ])
    expect(rows({ 'd.yml': workflow('release', '', '          role-chaining: true') })).toEqual([])
    expect(
      rows({ 'd.yml': workflow('release', '', '          web-identity-token-file: /t') })
    ).toEqual([])
  })

  it('the audience input, or any when it is an expression', () => {
    expect(
      rows({ 'd.yml': workflow('release', '', '          audience: deploy.octo-org.example') })[0]
        .aud
    ).toBe('deploy.octo-org.example')
    expect(
      rows({ 'd.yml': workflow('release', '', '          audience: ${{ vars.AUD }}') })[0].aud
    ).toBe('**')
  })
})
