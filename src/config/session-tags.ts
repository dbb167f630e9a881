import type { InputReader } from './reader.js'

/** One session tag of role chaining's AssumeRole. */
export interface SessionTag {
  readonly key: string
  readonly value: string
  /** Run metadata the incumbent drops, and tries once more without, when STS finds the tags too large. */
  readonly droppable: boolean
}

export interface SessionTagging {
  /** Empty with role-skip-session-tagging. */
  readonly sessionTags: readonly SessionTag[]
  readonly transitiveTagKeys: readonly string[]
}

// The tags configure-aws-credentials v6.2.3 puts on AssumeRole (src/assumeRole.ts), with the same
// keys and the same variables, so that aws:PrincipalTag conditions written for it hold here.
const IDENTITY_TAGS: readonly (readonly [string, string])[] = [
  ['Repository', 'GITHUB_REPOSITORY'],
  ['Workflow', 'GITHUB_WORKFLOW'],
  ['Action', 'GITHUB_ACTION'],
  ['Actor', 'GITHUB_ACTOR'],
  ['Commit', 'GITHUB_SHA'],
  ['Branch', 'GITHUB_REF']
]
const DROPPABLE_TAGS: readonly (readonly [string, string])[] = [
  ['EventName', 'GITHUB_EVENT_NAME'],
  ['BaseRef', 'GITHUB_BASE_REF'],
  ['HeadRef', 'GITHUB_HEAD_REF'],
  ['RunId', 'GITHUB_RUN_ID'],
  ['Job', 'GITHUB_JOB'],
  ['TriggeringActor', 'GITHUB_TRIGGERING_ACTOR']
]
const OWN_KEYS = ['GitHub', ...[...IDENTITY_TAGS, ...DROPPABLE_TAGS].map(([key]) => key)]

// STS's limits on a tag (API reference, Tag; the STS model's tagKeyType and tagValueType):
// letters, digits and spaces in any script, and _.:/=+-@; keys 1–128 characters, values up to
// 256; at most 50 tags on a session.
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u
const NOT_ALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu
const MAX_TAGS = 50
const ALLOWED = 'letters, digits, spaces and _.:/=+-@'

/** A run's value as a tag value: each character STS refuses becomes _, and it is cut to 256. */
export function tagValueOf(text: string): string {
  return text.replace(NOT_ALLOWED, '_').slice(0, 256)
}

const NO_TAGS: SessionTagging = { sessionTags: [], transitiveTagKeys: [] }

/**
 * custom-tags and transitive-tag-keys, with role-skip-session-tagging already read. Loaded only
 * when role-chaining or one of the two is given (config/role-chaining.ts): on the role-chaining
 * path, the only one that sends tags, the session's tags; off it, the refusal of the two.
 */
export function readSessionTagging(
  inputs: InputReader,
  env: NodeJS.ProcessEnv,
  { chaining, skip }: { readonly chaining: boolean; readonly skip: boolean }
): SessionTagging {
  if (!chaining) return refuseTagsOffChain(inputs)
  const customInput = inputs.get('custom-tags')
  const transitiveTagKeys = inputs
    .get('transitive-tag-keys')
    .split('\n')
    .map((key) => key.trim())
    .filter(Boolean)
  if (skip) {
    if (customInput)
      inputs.problems.push(
        'Input custom-tags: not used with role-skip-session-tagging: true; drop one.'
      )
    if (transitiveTagKeys.length)
      inputs.problems.push(
        'Input transitive-tag-keys: not used with role-skip-session-tagging: true; drop one.'
      )
    return NO_TAGS
  }
  const ownTags: SessionTag[] = [{ key: 'GitHub', value: 'Actions', droppable: false }]
  for (const [tags, droppable] of [
    [IDENTITY_TAGS, false],
    [DROPPABLE_TAGS, true]
  ] as const) {
    for (const [key, variable] of tags) {
      const value = env[variable]
      if (value) ownTags.push({ key, value: tagValueOf(value), droppable })
    }
  }
  const sessionTags = [...ownTags, ...customTags(inputs, customInput, ownTags.length)]
  const keys = sessionTags.map((tag) => tag.key.toLowerCase())
  for (const key of transitiveTagKeys) {
    if (!keys.includes(key.toLowerCase()))
      inputs.problems.push(
        `Input transitive-tag-keys: ${JSON.stringify(key)} is not a key of this session’s tags; give keys of custom-tags or of the tags keyless-aws sets (${OWN_KEYS.join(', ')}).`
      )
  }
  return { sessionTags, transitiveTagKeys }
}

function customTags(inputs: InputReader, text: string, ownCount: number): SessionTag[] {
  if (!text) return []
  const problem = (what: string) => inputs.problems.push(`Input custom-tags: ${what}.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problem(
      'is not a JSON object; give one such as {"Team": "payments", "CostCenter": "1234"}, each value a string, number or boolean'
    )
    return []
  }
  const tags: SessionTag[] = []
  const own = OWN_KEYS.map((key) => key.toLowerCase())
  const seen = new Set<string>()
  for (const [key, raw] of Object.entries(parsed)) {
    const shown = JSON.stringify(key)
    if (seen.has(key.toLowerCase())) {
      problem(`the key ${shown} is given twice (keys ignore case); give each key once`)
      continue
    }
    seen.add(key.toLowerCase())
    if (!['string', 'number', 'boolean'].includes(typeof raw)) {
      problem(`the value of ${shown} is not a string, number or boolean; give one of those`)
      continue
    }
    const value = String(raw)
    if (!KEY.test(key))
      problem(`the key ${shown} is not a tag key; use 1 to 128 characters from ${ALLOWED}`)
    else if (key.toLowerCase().startsWith('aws:'))
      problem(`the key ${shown} starts with aws:, which AWS keeps for itself; choose another key`)
    else if (own.includes(key.toLowerCase()))
      problem(
        `the key ${shown} is one keyless-aws sets itself (${OWN_KEYS.join(', ')}; keys ignore case); choose another key`
      )
    else if (!VALUE.test(value))
      problem(`the value of ${shown} is not a tag value; use up to 256 characters from ${ALLOWED}`)
    else tags.push({ key, value, droppable: false })
  }
  if (ownCount + tags.length > MAX_TAGS)
    problem(
      `${tags.length} tags and the ${ownCount} keyless-aws sets make more than the ${MAX_TAGS} STS allows on a session; give at most ${MAX_TAGS - ownCount}`
    )
  return tags
}

/**
 * Off the role-chaining path role-skip-session-tagging is taken (a migrated OIDC workflow often
 * sets it, and there are no tags to skip), but custom-tags and transitive-tag-keys are refused.
 */
function refuseTagsOffChain(inputs: InputReader): SessionTagging {
  for (const name of ['custom-tags', 'transitive-tag-keys'])
    if (inputs.get(name))
      inputs.problems.push(
        `Input ${name}: session tags go only on the AssumeRole of role-chaining: true; AssumeRoleWithWebIdentity takes the token’s claims as its tags, so put conditions on those.`
      )
  return NO_TAGS
}
