import { countViolations, lengthViolations, listOf, patternViolations } from './constraints.js'
import { StsError } from './error.js'

// Session tags on AssumeRole: the limits of the STS model (botocore sts/2011-06-15/service-2.json:
// tagKeyType, tagValueType, tagListType, tagKeyListType) and of the API reference's Tag page.

const KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u
const VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const SHOWN_KEY = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+'
const SHOWN_VALUE = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*'
const MAX_TAGS = 50

export interface SessionTags {
  // In the order the request gave them.
  tags: { key: string; value: string }[]
  transitiveTagKeys: string[]
}

/** The request's tags, with the model's violations for the caller's one ValidationError. */
export function parseSessionTags(params: URLSearchParams): SessionTags & { violations: string[] } {
  const keys = listOf(params, 'Tags', 'Key')
  const values = listOf(params, 'Tags', 'Value')
  const transitiveTagKeys = listOf(params, 'TransitiveTagKeys')
  const tags = keys.map((key, i) => ({ key, value: values[i] ?? '' }))
  const violations = [
    ...tags.flatMap(({ key, value }, i) => [
      ...lengthViolations({ member: `tags.${i + 1}.member.key`, value: key, min: 1, max: 128 }),
      ...patternViolations(`tags.${i + 1}.member.key`, key, KEY_PATTERN, SHOWN_KEY),
      ...lengthViolations({ member: `tags.${i + 1}.member.value`, value, min: 0, max: 256 }),
      ...patternViolations(`tags.${i + 1}.member.value`, value, VALUE_PATTERN, SHOWN_VALUE)
    ]),
    ...countViolations('tags', keys, 0, MAX_TAGS),
    ...transitiveTagKeys.flatMap((key, i) => [
      ...lengthViolations({ member: `transitiveTagKeys.${i + 1}`, value: key, min: 1, max: 128 }),
      ...patternViolations(`transitiveTagKeys.${i + 1}`, key, KEY_PATTERN, SHOWN_KEY)
    ]),
    ...countViolations('transitiveTagKeys', transitiveTagKeys, 0, MAX_TAGS)
  ]
  return { tags, transitiveTagKeys, violations }
}

/**
 * What STS checks beyond the model: keys are case-insensitive, so two that differ only in case
 * clash (the message as STS words it); a transitive key must name one of the session's tags, and
 * the aws: prefix is AWS's own (these two worded here, not seen).
 */
export function assertTagsUsable({ tags, transitiveTagKeys }: SessionTags): void {
  const lower = tags.map(({ key }) => key.toLowerCase())
  if (new Set(lower).size !== lower.length) {
    throw invalid('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
  }
  if (lower.some((key) => key.startsWith('aws:'))) {
    throw invalid('Tag keys beginning with aws: are reserved for AWS use.')
  }
  const missing = transitiveTagKeys.filter((key) => !lower.includes(key.toLowerCase()))
  if (missing.length > 0) {
    throw invalid(`Transitive tag keys must be keys of the session tags: ${missing.join(', ')}.`)
  }
}

function invalid(message: string): StsError {
  return new StsError('InvalidParameterValue', 400, message)
}
