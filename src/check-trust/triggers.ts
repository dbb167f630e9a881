// What each trigger of a workflow makes of the ref a job runs on, and so of its token's `ref` and
// its `sub` (docs.github.com, "Events that trigger workflows": GITHUB_REF per event; "OpenID
// Connect reference": the sub's context is the environment, else pull_request, else the ref).
import { rangeOf, rangeWithout, variable } from '../trust-policy/claim-set.js'
import type { ClaimTemplate, VariableRange } from '../trust-policy/claim-set.js'

export interface TriggerRun {
  readonly event: string
  readonly refType: 'branch' | 'tag' | undefined
  readonly ref: ClaimTemplate
  /** The sub's context when the job names no environment. */
  readonly context: ClaimTemplate
  readonly variables: Readonly<Record<string, VariableRange>>
  /** The one branch the run is for, when its filter names exactly one. */
  readonly onlyBranch: string | undefined
}

type Filters = Readonly<Record<string, unknown>>

/** Events whose run is on a ref someone chooses: any branch or tag. */
const ANY_REF_EVENTS = new Set(['workflow_dispatch', 'create', 'deployment', 'deployment_status'])

export function triggerRuns(on: unknown, defaultBranch: string): TriggerRun[] {
  return Object.entries(eventsOf(on)).flatMap(([event, filters]) =>
    runsOf(event, filters, defaultBranch)
  )
}

/** `on:` as a map of event → its filters, whichever of the three forms the file uses. */
export function eventsOf(on: unknown): Record<string, Filters> {
  if (typeof on === 'string') return { [on]: {} }
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), {}]))
  if (typeof on !== 'object' || on === null) return {}
  return Object.fromEntries(
    Object.entries(on).map(([event, f]) => [
      event,
      typeof f === 'object' && f !== null ? (f as Filters) : {}
    ])
  )
}

function runsOf(event: string, filters: Filters, defaultBranch: string): TriggerRun[] {
  const branches = rangeFrom(filters, 'branches')
  const tags = rangeFrom(filters, 'tags')
  switch (event) {
    case 'workflow_call':
      return [] // a reusable workflow's token is its caller's: see reusable.ts
    case 'push':
      if (!branches && !tags) return [branchRun(event, ANY_RANGE), tagRun(event, ANY_RANGE)]
      return [
        ...(branches ? [branchRun(event, branches)] : []),
        ...(tags ? [tagRun(event, tags)] : [])
      ]
    case 'pull_request':
      return [
        {
          event,
          refType: undefined,
          ref: ['refs/pull/', variable('pull'), '/merge'],
          context: ['pull_request'],
          variables: { pull: rangeOf(['[0-9]+']) },
          onlyBranch: undefined
        }
      ]
    case 'pull_request_target':
      return [pullRequestTargetRun(branches ?? ANY_RANGE)]
    case 'release':
      return [tagRun(event, ANY_RANGE)]
    case 'merge_group':
      return [mergeQueueRun(branches ?? ANY_RANGE)]
    default:
      if (ANY_REF_EVENTS.has(event)) return [branchRun(event, ANY_RANGE), tagRun(event, ANY_RANGE)]
      // schedule, workflow_run, issues and the rest run on the default branch.
      return [branchRun(event, rangeOf([escapeFilter(defaultBranch)]))]
  }
}

const ANY_RANGE = rangeOf(['**'])

/** What git refuses in a branch or tag name (git check-ref-format): no ref holds these. */
const NOT_IN_REFS = ' ~^:?*[\\\u007f'
const NOT_REF_SHAPES = [
  '/**',
  '**/',
  '.**',
  '**.',
  '**//**',
  '**..**',
  '**/.**',
  '**@{**',
  '**.lock',
  '**.lock/**'
]
const REF_SHAPE = [
  { pattern: '**', negated: false },
  ...NOT_REF_SHAPES.map((pattern) => ({ pattern, negated: true }))
]

const refRange = (range: VariableRange): VariableRange => ({
  ...range,
  also: [...(range.also ?? []), REF_SHAPE],
  excluded: NOT_IN_REFS
})

function branchRun(event: string, range: VariableRange): TriggerRun {
  const ref: ClaimTemplate = ['refs/heads/', variable('branch')]
  return {
    event,
    refType: 'branch',
    ref,
    context: ['ref:', ...ref],
    variables: { branch: refRange(range) },
    onlyBranch: onlyOne(range)
  }
}

function tagRun(event: string, range: VariableRange): TriggerRun {
  const ref: ClaimTemplate = ['refs/tags/', variable('tag')]
  return {
    event,
    refType: 'tag',
    ref,
    context: ['ref:', ...ref],
    variables: { tag: refRange(range) },
    onlyBranch: undefined
  }
}

/**
 * GitHub runs pull_request_target on the base branch (its ref is refs/heads/BASE), and its docs do
 * not say whether the sub's context is pull_request or that ref: the check takes it to be either,
 * so a policy must accept both to pass.
 */
function pullRequestTargetRun(base: VariableRange): TriggerRun {
  const context: VariableRange = {
    rules: [
      { pattern: 'pull_request', negated: false },
      ...base.rules.map((r) => ({ ...r, pattern: `ref:refs/heads/${r.pattern}` }))
    ],
    nonEmpty: true
  }
  return {
    event: 'pull_request_target',
    refType: 'branch',
    ref: ['refs/heads/', variable('base')],
    context: [variable('context')],
    variables: { base: refRange(base), context },
    onlyBranch: undefined
  }
}

/** A merge queue runs on refs/heads/gh-readonly-queue/BASE/pr-N-SHA; `branches:` filters BASE. */
function mergeQueueRun(base: VariableRange): TriggerRun {
  const queue = refRange({
    rules: base.rules.map((r) => ({ ...r, pattern: `${r.pattern}/**` })),
    nonEmpty: true
  })
  const ref: ClaimTemplate = ['refs/heads/gh-readonly-queue/', variable('queue')]
  return {
    event: 'merge_group',
    refType: 'branch',
    ref,
    context: ['ref:', ...ref],
    variables: { queue },
    onlyBranch: undefined
  }
}

/** `branches:`/`tags:` (or their `-ignore` forms) as a range; undefined when neither is given. */
function rangeFrom(filters: Filters, kind: 'branches' | 'tags'): VariableRange | undefined {
  const list = (v: unknown) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map(String)
  const only = list(filters[kind])
  if (only) return rangeOf(only)
  const ignore = list(filters[`${kind}-ignore`])
  return ignore ? rangeWithout(ignore) : undefined
}

function onlyOne(range: VariableRange): string | undefined {
  const [rule, ...more] = range.rules
  if (!rule || more.length > 0 || rule.negated || /[*?+[\\]/.test(rule.pattern)) return undefined
  return rule.pattern
}

export function escapeFilter(text: string): string {
  return text.replace(/[*?+[\]\\!]/g, '\\$&')
}
