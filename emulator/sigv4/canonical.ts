import { createHash, createHmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { EmulatorRequest } from '../http-message.js'

// The canonical form of a request that SigV4 signs, per the AWS "Create a canonical request"
// specification.
export function canonicalRequest(
  request: Pick<EmulatorRequest, 'method' | 'url' | 'headers'>,
  signedHeaders: string,
  payloadHash: string
): string {
  const names = signedHeaders.split(';')
  return [
    request.method.toUpperCase(),
    canonicalPath(request.url.pathname),
    canonicalQuery(request.url.search),
    ...names.map((name) => `${name}:${canonicalHeaderValue(request.headers, name)}`),
    '',
    signedHeaders,
    payloadHash
  ].join('\n')
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return [date, region, service, 'aws4_request'].reduce<Buffer>(
    (key, part) => createHmac('sha256', key).update(part).digest(),
    Buffer.from(`AWS4${secret}`, 'utf8')
  )
}

// Every segment is encoded once more: the path on the wire is already encoded once (all services
// but S3). Empty and `.` segments are dropped and `..` pops, as the AWS SDKs do.
function canonicalPath(pathname: string): string {
  const segments: string[] = []
  for (const segment of pathname.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(uriEscape(segment))
  }
  const trailing = segments.length > 0 && pathname.endsWith('/') ? '/' : ''
  return `/${segments.join('/')}${trailing}`
}

// Decoded as RFC 3986 (no `+` for space), re-encoded, then sorted by name and value.
function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=')
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]
      return [uriEscape(decode(name)), uriEscape(decode(value))] as const
    })
  pairs.sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)))
  return pairs.map(([name, value]) => `${name}=${value}`).join('&')
}

function canonicalHeaderValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '')
  return joined.trim().replace(/\s+/g, ' ')
}

function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex')
}
