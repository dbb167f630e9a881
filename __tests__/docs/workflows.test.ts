// Supply-chain rules for this repository's workflows and for the examples users copy: third-party
// actions pinned by full commit SHA with the version in a comment, least permissions declared per
// job, no pull_request_target with an OIDC token, no credentials left behind by checkout.
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { readActionMetadata } from '../../runner/action-metadata.js'

interface Job {
  permissions?: unknown
  steps?: { uses?: string; with?: Record<string, unknown> }[]
}
interface Workflow {
  on: unknown
  permissions?: unknown
  jobs: Record<string, Job>
}

const ROOT = new URL('../../', import.meta.url)
const files = (dir: string) =>
  readdirSync(new URL(`${dir}/`, ROOT))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`)
const ours = files('.github/workflows')
const examples = files('examples')
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8')

/** Our own action, as the examples reference it (pinned: __tests__/docs/pins.test.ts). */
const OWN_ACTION = /^keyless-aws\/keyless-aws@/
const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/

const grantsIdToken = (permissions: unknown) =>
  permissions === 'write-all' ||
  (typeof permissions === 'object' &&
    permissions !== null &&
    (permissions as Record<string, unknown>)['id-token'] === 'write')

const triggers = (on: unknown): string[] =>
  typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on ?? {})

describe.each([...ours, ...examples])('%s', (path) => {
  const text = read(path)
  const workflow = parse(text) as Workflow

  it('pins every third-party action by full commit SHA, with its version in a comment', () => {
    const uses = text
      .split('\n')
      .map((line) => /^\s*(?:-\s+)?uses:\s*(.+?)\s*$/.exec(line)?.[1])
      .filter((u): u is string => u !== undefined)
      .filter((u) => !u.startsWith('./') && !u.startsWith('docker://'))
    for (const use of uses) {
      expect(use, `${path}: uses: ${use}`).toMatch(PINNED)
    }
  })

  it('declares read-only default permissions and the permissions of every job', () => {
    expect(workflow.permissions, `${path}: top-level permissions`).toBeDefined()
    expect(grantsIdToken(workflow.permissions), `${path}: top-level id-token`).toBe(false)
    expect(workflow.permissions).not.toBe('write-all')
    for (const [name, job] of Object.entries(workflow.jobs))
      expect(job.permissions, `${path}: job ${name} declares no permissions`).toBeDefined()
  })

  it('never gives an OIDC token to a pull_request_target workflow', () => {
    if (!triggers(workflow.on).includes('pull_request_target')) return
    for (const [name, job] of Object.entries(workflow.jobs))
      expect(grantsIdToken(job.permissions), `${path}: job ${name}`).toBe(false)
  })

  it('checks out without persisting the token', () => {
    for (const job of Object.values(workflow.jobs))
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials'], `${path}: ${step.uses}`).toBe(false)
  })
})

describe('this repository', () => {
  it('has the three workflows and no pull_request_target trigger at all', () => {
    expect(ours).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/e2e.yml',
        '.github/workflows/release.yml'
      ])
    )
    for (const path of ours)
      expect(triggers((parse(read(path)) as Workflow).on), path).not.toContain(
        'pull_request_target'
      )
  })

  it('gives an OIDC token only to the release job, which runs behind an environment', () => {
    const withIdToken = ours.flatMap((path) =>
      Object.entries((parse(read(path)) as Workflow).jobs)
        .filter(([, job]) => grantsIdToken(job.permissions))
        .map(([name, job]) => ({
          at: `${path}#${name}`,
          job: job as Job & { environment?: unknown }
        }))
    )
    expect(withIdToken.map((j) => j.at)).toEqual(['.github/workflows/release.yml#release'])
    expect(withIdToken[0].job.environment).toBe('release')
  })
})

describe('the examples', () => {
  const declared = Object.keys(readActionMetadata().inputs)

  it.each(examples)('%s gives keyless-aws only inputs action.yml declares', (path) => {
    const steps = Object.values((parse(read(path)) as Workflow).jobs).flatMap((j) => j.steps ?? [])
    const keylessSteps = steps.filter((step) => OWN_ACTION.test(step.uses ?? ''))
    // An example of check-trust runs the command from a checkout of keyless-aws instead.
    const checkTrust = steps.filter((step) => step.with?.repository === 'keyless-aws/keyless-aws')
    expect(keylessSteps.length + checkTrust.length).toBeGreaterThan(0)
    for (const step of keylessSteps)
      for (const input of Object.keys(step.with ?? {})) expect(declared, path).toContain(input)
    for (const step of checkTrust) expect(String(step.with?.ref), path).toMatch(/^[0-9a-f]{40}$/)
  })
})
