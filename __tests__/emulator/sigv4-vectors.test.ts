import { describe, expect, it } from 'vitest'
import type { EmulatorRequest } from '../../emulator/http-message.js'
import { canonicalRequest, sha256Hex, signingKey } from '../../emulator/sigv4/canonical.js'
import { verifySigV4 } from '../../emulator/sigv4/verify.js'

// AWS's published SigV4 vectors: the aws-sig-v4-test-suite (service "service") and the IAM
// ListUsers walk-through of the General Reference, all signed at 2015-08-30T12:36:00Z.
const SUITE_NOW = Date.UTC(2015, 7, 30, 12, 36, 0)
const SUITE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const suiteLookup = (id: string) =>
  id === 'AKIDEXAMPLE' ? { secretAccessKey: SUITE_SECRET } : undefined

function vector(method: string, url: string, scope: string, signature: string, extra = {}) {
  const host = new URL(url).host
  const signedHeaders = ['content-type', 'host', 'x-amz-date'].filter(
    (h) => h !== 'content-type' || 'content-type' in extra
  )
  return {
    method,
    url: new URL(url),
    body: '',
    headers: {
      host,
      'x-amz-date': '20150830T123600Z',
      ...extra,
      authorization:
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, ` +
        `SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
    }
  } satisfies EmulatorRequest
}

const VECTORS = {
  'get-vanilla': vector(
    'GET',
    'https://example.amazonaws.com/',
    '20150830/us-east-1/service/aws4_request',
    '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'
  ),
  'post-vanilla': vector(
    'POST',
    'https://example.amazonaws.com/',
    '20150830/us-east-1/service/aws4_request',
    '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'
  ),
  'get-vanilla-query-order-key-case': vector(
    'GET',
    'https://example.amazonaws.com/?Param2=value2&Param1=value1',
    '20150830/us-east-1/service/aws4_request',
    'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'
  ),
  'iam-list-users': vector(
    'GET',
    'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
    '20150830/us-east-1/iam/aws4_request',
    '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }
  )
}

describe('SigV4 verification against AWS published vectors', () => {
  it.each(Object.entries(VECTORS))('accepts %s', (name, request) => {
    const service = name === 'iam-list-users' ? 'iam' : 'service'
    const outcome = verifySigV4(request, { service, lookup: suiteLookup, nowMs: SUITE_NOW })
    expect(outcome).toEqual({ ok: true, credential: { secretAccessKey: SUITE_SECRET } })
  })

  it('derives the documented canonical request hash and signing key', () => {
    const request = VECTORS['iam-list-users']
    const canonical = canonicalRequest(request, 'content-type;host;x-amz-date', sha256Hex(''))
    expect(sha256Hex(canonical)).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59'
    )
    expect(signingKey(SUITE_SECRET, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9'
    )
  })

  it('rejects a vector whose signature or secret is off by one character', () => {
    const request = VECTORS['get-vanilla']
    const flipped = {
      ...request,
      headers: {
        ...request.headers,
        authorization: request.headers.authorization.replace(/1$/, '2')
      }
    }
    const options = { service: 'service', lookup: suiteLookup, nowMs: SUITE_NOW }
    expect(verifySigV4(flipped, options)).toMatchObject({
      ok: false,
      failure: { code: 'InvalidSignatureException', status: 403 }
    })
    const otherSecret = () => ({ secretAccessKey: `${SUITE_SECRET}x` })
    expect(verifySigV4(request, { ...options, lookup: otherSecret }).ok).toBe(false)
  })
})
