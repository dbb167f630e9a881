import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tableAfter } from './markdown-table.js'
import { readActionMetadata } from '../../runner/action-metadata.js'

// The inputs of aws-actions/configure-aws-credentials v6.3.0: the action.yml of v6.2.1 (32
// inputs; vendored unchanged at chainguard-actions/aws-actions-configure-aws-credentials, commit
// 723d8c9b), plus translate-env-variables, which v6.3.0 added (its PR #1961).
const INCUMBENT_INPUTS = [
  'aws-region',
  'role-to-assume',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'web-identity-token-file',
  'role-chaining',
  'audience',
  'http-proxy',
  'no-proxy',
  'mask-aws-account-id',
  'role-duration-seconds',
  'role-external-id',
  'role-session-name',
  'role-skip-session-tagging',
  'transitive-tag-keys',
  'custom-tags',
  'inline-session-policy',
  'managed-session-policies',
  'output-credentials',
  'output-env-credentials',
  'unset-current-credentials',
  'disable-retry',
  'retry-max-attempts',
  'special-characters-workaround',
  'use-existing-credentials',
  'allowed-account-ids',
  'force-skip-oidc',
  'action-timeout-s',
  'aws-profile',
  'overwrite-aws-profile',
  'sts-endpoint',
  'translate-env-variables'
]
const INCUMBENT_OUTPUTS = [
  'aws-account-id',
  'authenticated-arn',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'aws-expiration'
]

const doc = readFileSync(
  new URL('../../docs/migrating-from-configure-aws-credentials.md', import.meta.url),
  'utf8'
)
const action = readActionMetadata()
const ours = Object.keys(action.inputs)

/** The input names a cell gives in backticks. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])

describe('docs/migrating-from-configure-aws-credentials.md', () => {
  const inputs = tableAfter(doc, '## Inputs')

  it('has a row for every input of the incumbent, once each', () => {
    expect(inputs.map((r) => names(r[0])[0])).toEqual(INCUMBENT_INPUTS)
  })

  it('names only inputs our action.yml declares, or gives the reason there is none', () => {
    for (const [theirs, counterpart, notes] of inputs) {
      if (counterpart === '—') expect(notes.length, theirs).toBeGreaterThan(20)
      else expect(ours, theirs).toContain(names(counterpart)[0])
    }
  })

  it('maps every input we share by name to itself', () => {
    for (const [theirs, counterpart] of inputs) {
      const name = names(theirs)[0]
      if (ours.includes(name)) expect(names(counterpart), name).toEqual([name])
    }
  })

  it('lists every output of the incumbent, with our output of the same name', () => {
    const outputs = tableAfter(doc, '## Outputs')
    expect(outputs.map((r) => names(r[0])[0])).toEqual(INCUMBENT_OUTPUTS)
    for (const [theirs, counterpart] of outputs) {
      expect(names(counterpart), theirs).toEqual(names(theirs))
      expect(Object.keys(action.outputs)).toContain(names(counterpart)[0])
    }
  })

  it('lists each of our inputs the incumbent lacks under what keyless-aws adds', () => {
    const mapped = new Set(inputs.flatMap((r) => names(r[1])))
    const added = tableAfter(doc, '## What keyless-aws adds').flatMap((r) => names(r[0]))
    expect(added.sort()).toEqual(ours.filter((name) => !mapped.has(name)).sort())
  })
})
