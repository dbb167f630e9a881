import { createHmac, timingSafeEqual } from 'node:crypto'
import type { EmulatorRequest } from '../http-message.js'
import { canonicalRequest, sha256Hex, signingKey } from './canonical.js'

// Signature Version 4 as AWS verifies it: written from the published specification rather than
// from an SDK, so that the SDK's signer is really checked against something independent.

export interface SigningSecret {
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}

// The fault as an AWS JSON front end reports it: `x-amzn-errortype` plus `{"message": ...}`.
export interface AuthFailure {
  code: string
  status: number
  message: string
}

export type SigV4Outcome<T> = { ok: true; credential: T } | { ok: false; failure: AuthFailure }

export interface SigV4Options<T extends SigningSecret> {
  service: string
  // When set, a credential scoped to another region is refused.
  region?: string
  lookup(accessKeyId: string): T | undefined
  nowMs: number
}

const ALGORITHM = 'AWS4-HMAC-SHA256'
const MAX_SKEW_MS = 5 * 60 * 1000
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your ' +
  'AWS Secret Access Key and signing method. Consult the service documentation for details.'
const INVALID_TOKEN = 'The security token included in the request is invalid.'

export function verifySigV4<T extends SigningSecret>(
  request: EmulatorRequest,
  options: SigV4Options<T>
): SigV4Outcome<T> {
  const parsed = parseSignature(request)
  if ('code' in parsed) return { ok: false, failure: parsed }
  const { accessKeyId, date, region, service, amzDate, signedAt } = parsed
  if (service !== options.service) {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}'. `
    )
  }
  if (options.region !== undefined && region !== options.region) {
    return fail('InvalidSignatureException', 'Credential should be scoped to a valid region. ')
  }
  const skew = skewFailure(amzDate, signedAt, options.nowMs)
  if (skew) return fail('InvalidSignatureException', skew)

  const credential = options.lookup(accessKeyId)
  if (!credential) return fail('UnrecognizedClientException', INVALID_TOKEN)
  if (credential.sessionToken !== single(request.headers['x-amz-security-token'])) {
    return fail('UnrecognizedClientException', INVALID_TOKEN)
  }
  if (credential.expiration && credential.expiration.getTime() <= options.nowMs) {
    return fail('ExpiredTokenException', 'The security token included in the request is expired')
  }
  // The body is hashed here rather than trusted from x-amz-content-sha256, so a body swapped
  // in transit fails even when the header is swapped with it.
  const payloadHash = sha256Hex(request.body)
  const declared = single(request.headers['x-amz-content-sha256'])
  if (declared !== undefined && declared !== payloadHash) {
    return fail('InvalidSignatureException', MISMATCH)
  }
  const scope = `${date}/${region}/${service}/aws4_request`
  const canonical = canonicalRequest(request, parsed.signedHeaders, payloadHash)
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n')
  const key = signingKey(credential.secretAccessKey, date, region, service)
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex')
  if (!constantTimeEqual(expected, parsed.signature)) {
    return fail('InvalidSignatureException', MISMATCH)
  }
  return { ok: true, credential }
}

interface ParsedSignature {
  accessKeyId: string
  date: string
  region: string
  service: string
  amzDate: string
  signedAt: number
  signedHeaders: string
  signature: string
}

// The checks that need no key: the header's form, the credential scope's form and its date.
function parseSignature(request: EmulatorRequest): ParsedSignature | AuthFailure {
  const header = single(request.headers.authorization)
  if (header === undefined) {
    return failure('MissingAuthenticationTokenException', 'Missing Authentication Token')
  }
  const { algorithm, fields } = parseAuthorization(header)
  if (algorithm !== ALGORITHM) {
    return failure('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${algorithm}'`)
  }
  const amzDate = single(request.headers['x-amz-date'])
  const { Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = fields
  if (!credential || !signedHeaders || !signature || amzDate === undefined) {
    const missing = Object.entries({
      Credential: credential,
      Signature: signature,
      SignedHeaders: signedHeaders
    })
      .filter(([, value]) => !value)
      .map(([name]) => `Authorization header requires '${name}' parameter.`)
    if (amzDate === undefined) {
      missing.push(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
      )
    }
    return failure('IncompleteSignatureException', `${missing.join(' ')} Authorization=${header}`)
  }
  const [accessKeyId, date, region, service, terminator, ...extra] = credential.split('/')
  if (terminator !== 'aws4_request' || extra.length > 0) {
    return failure(
      'IncompleteSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`
    )
  }
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === undefined) {
    return failure(
      'IncompleteSignatureException',
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`
    )
  }
  if (date !== amzDate.slice(0, 8)) {
    return failure(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`
    )
  }
  return { accessKeyId, date, region, service, amzDate, signedAt, signedHeaders, signature }
}

interface ParsedAuthorization {
  algorithm: string
  fields: Partial<Record<'Credential' | 'SignedHeaders' | 'Signature', string>>
}

function parseAuthorization(header: string): ParsedAuthorization {
  const space = header.indexOf(' ')
  const algorithm = space < 0 ? header : header.slice(0, space)
  const fields: ParsedAuthorization['fields'] = {}
  for (const part of (space < 0 ? '' : header.slice(space + 1)).split(',')) {
    const [name, ...value] = part.trim().split('=')
    if (name === 'Credential' || name === 'SignedHeaders' || name === 'Signature') {
      fields[name] = value.join('=')
    }
  }
  return { algorithm, fields }
}

function skewFailure(amzDate: string, signedAt: number, nowMs: number): string | undefined {
  if (signedAt < nowMs - MAX_SKEW_MS) {
    return (
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - MAX_SKEW_MS)} ` +
      `(${formatAmzDate(nowMs)} - 5 min.)`
    )
  }
  if (signedAt > nowMs + MAX_SKEW_MS) {
    return (
      `Signature not yet current: ${amzDate} is still later than ` +
      `${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 5 min.)`
    )
  }
  return undefined
}

function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m.map(Number)
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// Every authentication failure of an AWS JSON front end is a 403.
function failure(code: string, message: string): AuthFailure {
  return { code, status: 403, message }
}

function fail<T>(code: string, message: string): SigV4Outcome<T> {
  return { ok: false, failure: failure(code, message) }
}
