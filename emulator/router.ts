import type { IncomingMessage, ServerResponse } from 'node:http'
import { GITHUB_PREFIX, handleGithub } from './github.js'
import type { GithubService } from './github.js'
import { jsonReply } from './http-message.js'
import type { EmulatorRequest, Reply } from './http-message.js'
import { STS_PREFIX, handleSts } from './sts.js'
import type { StsService } from './sts.js'

export interface RequestLogEntry {
  service: 'github' | 'sts'
  action: string
  method: string
  path: string
  status: number
  startedAt: number
  endedAt: number
  signed: boolean
}

export interface RouterOptions {
  github: GithubService
  sts: StsService
  log: RequestLogEntry[]
  // Requests carrying this header (lower-case name) are the emulator's own JWKS discovery, which
  // the log leaves out so that tests count only the client's round trips.
  internalHeader: { name: string; value: string }
}

const MAX_BODY_BYTES = 1024 * 1024

export function createRequestListener(options: RouterOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, options).then(
      (reply) => send(res, reply),
      (error: unknown) => send(res, jsonReply('InternalError', 500, { message: String(error) }))
    )
  }
}

async function route(req: IncomingMessage, options: RouterOptions): Promise<Reply> {
  const startedAt = preciseNow()
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const service = serviceOf(url.pathname)
  const request: EmulatorRequest = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body: await readBody(req)
  }
  const reply = await dispatch(service, request, options).catch((error: unknown) =>
    jsonReply('InternalError', 500, { message: String(error) })
  )
  const internal = req.headers[options.internalHeader.name] === options.internalHeader.value
  if (service && !internal) {
    options.log.push({
      service,
      action: reply.action,
      method: request.method,
      path: url.pathname,
      status: reply.status,
      startedAt,
      endedAt: preciseNow(),
      signed: req.headers.authorization !== undefined
    })
  }
  return reply
}

function dispatch(
  service: RequestLogEntry['service'] | undefined,
  request: EmulatorRequest,
  options: RouterOptions
): Promise<Reply> {
  if (service === 'github') return handleGithub(request, options.github)
  if (service === 'sts') return handleSts(request, options.sts)
  return Promise.resolve(jsonReply('NotFound', 404, { message: 'Not Found' }))
}

function serviceOf(pathname: string): RequestLogEntry['service'] | undefined {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`)
  if (under(GITHUB_PREFIX)) return 'github'
  if (under(STS_PREFIX)) return 'sts'
  return undefined
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(Buffer.byteLength(reply.body))
  })
  res.end(reply.body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

// Epoch milliseconds with sub-millisecond resolution, so that round-trip timings stay meaningful.
function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}
