import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FaultKind } from './faults/fault-map.js'
import type { FaultInjector } from './faults/injector.js'
import { tamperedReply } from './faults/altered-answers.js'
import { jsonReply } from './http-message.js'
import type { EmulatorRequest, Reply } from './http-message.js'
import { SERVICES, serviceAt } from './registry.js'
import type { ServiceName } from './registry.js'
import type { EmulatorContext, Handler } from './service.js'

export interface RequestLogEntry {
  service: ServiceName
  action: string
  method: string
  path: string
  status: number
  startedAt: number
  endedAt: number
  signed: boolean
  // The client's port: through a proxy, the port of the proxy's connection to the emulator.
  remotePort: number
  // Set when an injected fault answered (or dropped) the request; reset and hang log status 0
  // and end when the socket closed.
  fault?: FaultKind
  // Set on a drip whose client closed the socket before the last byte: it was still dripping.
  cutShort?: true
}

export interface RouterOptions {
  // What the services share; each service starts from it once, with the listener.
  context: EmulatorContext
  log: RequestLogEntry[]
  faults: FaultInjector
  // Requests carrying this header (lower-case name) are the emulator's own JWKS discovery, which
  // the log leaves out so that tests count only the client's round trips.
  internalHeader: { name: string; value: string }
}

const MAX_BODY_BYTES = 1024 * 1024

export function createRequestListener(options: RouterOptions) {
  const handlers = new Map<ServiceName, Handler>(
    SERVICES.map((service) => [service.name, service.start(options.context)])
  )
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res, options, handlers).then(
      (reply) => {
        if (reply) send(res, reply)
      },
      (error: unknown) => send(res, jsonReply('InternalError', 500, { message: String(error) }))
    )
  }
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: RouterOptions,
  handlers: Map<ServiceName, Handler>
): Promise<Reply | undefined> {
  const startedAt = preciseNow()
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const service = serviceAt(url.pathname)
  const request: EmulatorRequest = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body: await readBody(req)
  }
  const handler = (service && handlers.get(service.name)) ?? notFound
  const handle = () =>
    handler(request).catch((error: unknown) =>
      jsonReply('InternalError', 500, { message: String(error) })
    )
  const internal = req.headers[options.internalHeader.name] === options.internalHeader.value
  // The emulator's own JWKS fetch is neither faulted nor logged.
  if (!service || internal) return handle()
  // Here, ahead of every handler, so that each endpoint, present or future, can be faulted.
  const action = service.actionOf(request)
  const intercepted = await options.faults.intercept(service.name, action, res)
  const answered = intercepted.reply ?? (intercepted.open ? await handle() : undefined)
  const reply =
    answered && intercepted.tamper ? tamperedReply(answered, intercepted.tamper) : answered
  // A drip logs when the client has the last byte or gives up, as a hang does.
  const dripped = reply && intercepted.drip
  const finished = dripped
    ? await drip(res, { ...reply, body: dripped.body ?? reply.body }, dripped.intervalMs)
    : true
  options.log.push({
    service: service.name,
    action: reply?.action ?? action,
    method: request.method,
    path: url.pathname,
    status: reply?.status ?? 0,
    startedAt,
    endedAt: preciseNow(),
    signed: req.headers.authorization !== undefined,
    remotePort: req.socket.remotePort ?? 0,
    ...(intercepted.fault && { fault: intercepted.fault }),
    ...(!finished && { cutShort: true as const })
  })
  return dripped ? undefined : reply
}

function notFound(): Promise<Reply> {
  return Promise.resolve(jsonReply('NotFound', 404, { message: 'Not Found' }))
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(Buffer.byteLength(reply.body))
  })
  res.end(reply.body)
}

// The headers at once, then the body one byte at a time until it ends or the socket closes.
// Whether the last byte went out before the socket closed.
async function drip(res: ServerResponse, reply: Reply, intervalMs: number): Promise<boolean> {
  const body = Buffer.from(reply.body)
  const closed = new AbortController()
  res.once('close', () => closed.abort())
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) })
  res.flushHeaders()
  for (let i = 0; i < body.length && !closed.signal.aborted; i++) {
    await sleep(intervalMs, undefined, { signal: closed.signal }).catch(() => undefined)
    if (!closed.signal.aborted) res.write(body.subarray(i, i + 1))
  }
  if (closed.signal.aborted) return false
  res.end()
  return true
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
