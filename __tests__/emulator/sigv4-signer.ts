import { createHash, createHmac } from 'node:crypto'
import type { Hash, Hmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import type { HttpRequest, SourceData } from '@smithy/types'
import type { EmulatorRequest } from '../../emulator/http-message.js'

// The SDK's own signer (@smithy/signature-v4, the one every v3 client uses), so that the
// emulator's independent verifier is checked against what clients really send.

export interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface Unsigned {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
}

export interface SigningOptions {
  service: string
  region: string
  signingDate?: Date
}

export async function signRequest(
  request: Unsigned,
  credentials: SigningCredentials,
  { service, region, signingDate }: SigningOptions
): Promise<Record<string, string>> {
  const url = new URL(request.url)
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256 })
  const unsigned: HttpRequest = {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...request.headers },
    body: request.body
  }
  const signed = await signer.sign(unsigned, { signingDate })
  return signed.headers
}

// What the emulator's router would hand a handler for the same request.
export function asEmulatorRequest(
  request: Unsigned,
  headers: Record<string, string>
): EmulatorRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return {
    method: request.method,
    url: new URL(request.url),
    headers: lower,
    body: request.body ?? ''
  }
}

// Sends a signed request over HTTP; fetch sets `host` itself, to the same value.
export async function fetchSigned(
  request: Unsigned,
  credentials: SigningCredentials,
  options: SigningOptions
): Promise<Response> {
  const headers = await signRequest(request, credentials, options)
  delete headers.host
  return fetch(request.url, { method: request.method, headers, body: request.body })
}

class NodeSha256 {
  private hash: Hash | Hmac
  private readonly secret: SourceData | undefined

  constructor(secret?: SourceData) {
    this.secret = secret
    this.hash = this.fresh()
  }

  update(data: SourceData): void {
    this.hash.update(toBuffer(data))
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }

  reset(): void {
    this.hash = this.fresh()
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', toBuffer(this.secret))
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}
