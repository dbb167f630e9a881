import { OUTBOUND_ALGORITHMS } from '../account-issuer/keys.js'
import type { OutboundAlgorithm } from '../account-issuer/keys.js'
import {
  countViolations,
  enumViolations,
  integerViolations,
  lengthViolations,
  listOf,
  patternViolations
} from './constraints.js'
import { constraintViolations, validationError } from './error.js'

// Limits from the GetWebIdentityToken API reference and the Tag shape.
const MAX_AUDIENCES = 10
const MAX_TAGS = 50
const DEFAULT_DURATION_SECONDS = 300
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const SUBJECT_MODES = ['AWSIdentity', 'OriginIdentity']

export interface WebIdentityTokenRequest {
  audiences: string[]
  signingAlgorithm: OutboundAlgorithm
  durationSeconds: number
  tags: { key: string; value: string }[]
}

export function parseWebIdentityTokenRequest(params: URLSearchParams): WebIdentityTokenRequest {
  // An empty list arrives as `Audience=`, with no members: present, but with no items.
  const audiences = listOf(params, 'Audience')
  const audienceGiven = params.has('Audience') || audiences.length > 0
  const algorithm = params.get('SigningAlgorithm')
  const duration = params.get('DurationSeconds')
  const keys = listOf(params, 'Tags', 'Key')
  const values = listOf(params, 'Tags', 'Value')
  const subjectMode = params.get('SubjectMode')

  const violations = [
    ...(audienceGiven
      ? countViolations('audience', audiences, 1, MAX_AUDIENCES)
      : ["Value null at 'audience' failed to satisfy constraint: Member must not be null"]),
    ...audiences.flatMap((aud, i) =>
      lengthViolations({ member: `audience.${i + 1}.member`, value: aud, min: 1, max: 1000 })
    ),
    ...integerViolations('durationSeconds', duration, 60, 3600),
    ...lengthViolations({
      member: 'signingAlgorithm',
      value: algorithm,
      min: 5,
      max: 5,
      required: true
    }),
    ...(algorithm?.length === 5
      ? enumViolations('signingAlgorithm', algorithm, [...OUTBOUND_ALGORITHMS])
      : []),
    ...enumViolations('subjectMode', subjectMode, SUBJECT_MODES),
    ...tagViolations(keys, values)
  ]
  if (violations.length > 0) throw constraintViolations(violations)

  assertUniqueKeys(keys)
  // The emulated sessions carry no trusted identity propagation context, so an origin identity
  // subject (and Scope, which requires that mode) can never be honoured (message inferred).
  if (subjectMode === 'OriginIdentity') {
    throw validationError(
      'SubjectMode OriginIdentity requires a calling session whose trusted identity ' +
        'propagation context contains aws:OriginIdentity/Subject'
    )
  }
  if (params.has('Scope')) {
    throw validationError('Scope can be specified only when SubjectMode is OriginIdentity')
  }
  return {
    audiences,
    signingAlgorithm: algorithm as OutboundAlgorithm,
    durationSeconds: duration === null ? DEFAULT_DURATION_SECONDS : Number(duration),
    tags: keys.map((key, i) => ({ key, value: values[i] ?? '' }))
  }
}

function tagViolations(keys: string[], values: string[]): string[] {
  const violations = keys.flatMap((key, i) => {
    const value = values[i] ?? null
    const member = `tags.${i + 1}.member`
    return [
      ...lengthViolations({ member: `${member}.key`, value: key, min: 1, max: 128 }),
      ...patternViolations(`${member}.key`, key, TAG_KEY, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+'),
      ...lengthViolations({ member: `${member}.value`, value, min: 0, max: 256, required: true }),
      ...patternViolations(`${member}.value`, value, TAG_VALUE, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*')
    ]
  })
  if (keys.length > MAX_TAGS) {
    violations.push(
      `Value at 'tags' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_TAGS}`
    )
  }
  return violations
}

// Session tag keys are case-insensitive; AWS refuses two that differ only in case (as for
// AssumeRole's session tags; inferred to hold for request tags as well).
function assertUniqueKeys(keys: string[]): void {
  const lower = keys.map((k) => k.toLowerCase())
  if (new Set(lower).size !== lower.length) {
    throw validationError(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.'
    )
  }
}
