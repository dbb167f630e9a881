import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

/** Who gave an answer, for a message about it, and the time its Date header says it was given. */
export interface AnswerOrigin {
  /** The operation and endpoint, e.g. "STS AssumeRoleWithWebIdentity at https://…". */
  readonly who: string
  readonly date?: string
}

export interface CheckedCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly expiration: Date
}

/** Credentials closer to their end than this would fail the next step: refused as expired. */
const MIN_LIFETIME_MS = 60_000
// AWS grants at most 12 hours; a day more is room for a clock that is off, no more.
const MAX_LIFETIME_MS = 36 * 3600_000
const ACCESS_KEY_ID = /^\w{16,128}$/
// Printable ASCII without spaces: what AWS issues, and what an INI file or a variable keeps whole.
const OPAQUE_SECRET = /^[\x21-\x7e]{16,16384}$/

/**
 * Every field of an answer that carries credentials, checked before anything is exported: the
 * access key id's shape, the secret and session token as values a later step can use, and the
 * expiration a date ahead of now by at least a minute and at most 36 hours. Secrets are never
 * quoted, only what is wrong with them.
 */
export function checkCredentials(
  fields: {
    accessKeyId?: unknown
    secretAccessKey?: unknown
    sessionToken?: unknown
    expiration?: unknown
  },
  origin: AnswerOrigin,
  now = Date.now()
): CheckedCredentials {
  const wrong = [
    ...fieldProblem(
      'access key id',
      fields.accessKeyId,
      ACCESS_KEY_ID,
      '16 to 128 letters or digits'
    ),
    ...fieldProblem(
      'secret access key',
      fields.secretAccessKey,
      OPAQUE_SECRET,
      '16 or more printable characters without spaces'
    ),
    ...fieldProblem(
      'session token',
      fields.sessionToken,
      OPAQUE_SECRET,
      '16 or more printable characters without spaces'
    )
  ]
  if (wrong.length) throw unusable(origin, wrong)
  return {
    accessKeyId: fields.accessKeyId as string,
    secretAccessKey: fields.secretAccessKey as string,
    sessionToken: fields.sessionToken as string,
    expiration: checkExpiration(fields.expiration, origin, now)
  }
}

/** An expiration as a date at least a minute and at most 36 hours ahead; anything else refused. */
export function checkExpiration(value: unknown, origin: AnswerOrigin, now = Date.now()): Date {
  const date = asDate(value)
  if (!date) throw unusable(origin, [`the expiration ${shownValue(value)} is not a date`])
  if (date.getTime() - now > MAX_LIFETIME_MS)
    throw unusable(origin, [
      `the expiration ${shownValue(value)} (${date.toISOString()}) is more than 36 hours away, and AWS grants at most 12`
    ])
  if (date.getTime() - now < MIN_LIFETIME_MS) throw expired(date, origin, now)
  return date
}

function fieldProblem(name: string, value: unknown, shape: RegExp, accepted: string): string[] {
  if (typeof value !== 'string' || value === '') return [`the ${name} is missing or empty`]
  if (shape.test(value)) return []
  return [`the ${name} is not ${accepted} (it has ${value.length} characters)`]
}

// The SDK gives a Date for STS's timestamps and a number of epoch milliseconds for the portal's.
function asDate(value: unknown): Date | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number' && Number.isFinite(value)
        ? new Date(value)
        : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
          ? new Date(value)
          : undefined
  return date && Number.isFinite(date.getTime()) ? date : undefined
}

function shownValue(value: unknown): string {
  if (value instanceof Date)
    return Number.isFinite(value.getTime()) ? value.toISOString() : 'Invalid Date'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

function unusable(origin: AnswerOrigin, wrong: readonly string[]): ActionError {
  return new ActionError(
    PROBLEMS.answerNotUsable,
    [`${origin.who} answered, but ${wrong.join('; ')}`],
    [
      'Nothing was exported: credentials that a later step could not use, or whose lifetime is unknown, are refused.',
      'AWS does not answer like this; something between the runner and AWS (a proxy, or an endpoint override such as AWS_ENDPOINT_URL_STS) probably did.'
    ]
  )
}

function expired(expiration: Date, origin: AnswerOrigin, now: number): ActionError {
  const served = origin.date ? Date.parse(origin.date) : NaN
  const runner = new Date(now).toISOString()
  const skewed =
    Number.isFinite(served) && expiration.getTime() - served >= MIN_LIFETIME_MS
      ? [
          `The runner's clock reads ${runner}, but the answer's Date header says ${new Date(served).toISOString()}: by AWS's clock the credentials are still valid, so the runner's clock is probably wrong by ${Math.round(Math.abs(now - served) / 60_000)} min.`,
          'Set the runner’s clock right (self-hosted runners need NTP) and re-run.'
        ]
      : [
          `The runner's clock reads ${runner}${Number.isFinite(served) ? `, and the answer's Date header says ${new Date(served).toISOString()}` : ''}: the credentials were out of date when they arrived.`,
          'A proxy that caches or replays answers, or a clock that is far off, does this. Check the runner’s clock (NTP) and the proxy, then re-run.'
        ]
  return new ActionError(
    PROBLEMS.credentialsExpired,
    [`${origin.who} answered with credentials that expire at ${expiration.toISOString()}`],
    [
      'Nothing was exported: credentials that expire within a minute would fail the next step.',
      ...skewed
    ]
  )
}
