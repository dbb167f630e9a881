import type { IncomingMessage, ServerResponse } from 'node:http'
import { ACCOUNT_ISSUER_PREFIX, handleAccountIssuer } from './account-issuer/handler.js'
import type { AccountIssuerService } from './account-issuer/handler.js'
import { actionOf } from './endpoint.js'
import type { FaultInjector, FaultKind } from './faults/injector.js'
import { GITHUB_PREFIX, handleGithub } from './github/handler.js'
import type { GithubService } from './github/handler.js'
import { jsonReply } from './http-message.js'
import type { EmulatorRequest, Reply } from './http-message.js'
import type { IdentityCenterService } from './identity-center/service.js'
import { SSO_OIDC_PREFIX, handleSsoOidc } from './identity-center/sso-oidc.js'
import { SSO_PORTAL_PREFIX, handleSsoPortal } from './identity-center/sso-portal.js'
import { STS_PREFIX, handleSts } from './sts/handler.js'
import type { StsService } from './sts/handler.js'

export interface RequestLogEntry {
  // `account-issuer`: the outbound identity federation issuers' discovery and JWKS.
  service: 'github' | 'sts' | 'sso-oidc' | 'sso' | 'account-issuer'
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
}

export interface RouterOptions {
  github: GithubService
  sts: StsService
  identityCenter: IdentityCenterService
  accountIssuer: AccountIssuerService
  log: RequestLogEntry[]
  faults: FaultInjector
  // Requests carrying this header (lower-case name) are the emulator's own JWKS discovery, which
  // the log leaves out so that tests count only the client's round trips.
  internalHeader: { name: string; value: string }
}

const MAX_BODY_BYTES = 1024 * 1024

export function createRequestListener(options: RouterOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res, options).then(
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
  options: RouterOptions
): Promise<Reply | undefined> {
  const startedAt = preciseNow()
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const service = serviceOf(url.pathname)
  const request: EmulatorRequest = {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body: await readBody(req)
  }
  const handle = () =>
    dispatch(service, request, options).catch((error: unknown) =>
      jsonReply('InternalError', 500, { message: String(error) })
    )
  const internal = req.headers[options.internalHeader.name] === options.internalHeader.value
  // The emulator's own JWKS fetch is neither faulted nor logged.
  if (!service || internal) return handle()
  // Here, ahead of every handler, so that each endpoint, present or future, can be faulted.
  const action = actionOf(service, request)
  const intercepted = await options.faults.intercept(service, action, res)
  const reply = intercepted.reply ?? (intercepted.open ? await handle() : undefined)
  options.log.push({
    service,
    action: reply?.action ?? action,
    method: request.method,
    path: url.pathname,
    status: reply?.status ?? 0,
    startedAt,
    endedAt: preciseNow(),
    signed: req.headers.authorization !== undefined,
    remotePort: req.socket.remotePort ?? 0,
    ...(intercepted.fault && { fault: intercepted.fault })
  })
  return reply
}

function dispatch(
  service: RequestLogEntry['service'] | undefined,
  request: EmulatorRequest,
  options: RouterOptions
): Promise<Reply> {
  if (service === 'github') return handleGithub(request, options.github)
  if (service === 'sts') return handleSts(request, options.sts)
  if (service === 'sso-oidc') return handleSsoOidc(request, options.identityCenter)
  if (service === 'sso') return handleSsoPortal(request, options.identityCenter)
  if (service === 'account-issuer') return handleAccountIssuer(request, options.accountIssuer)
  return Promise.resolve(jsonReply('NotFound', 404, { message: 'Not Found' }))
}

function serviceOf(pathname: string): RequestLogEntry['service'] | undefined {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`)
  if (under(GITHUB_PREFIX)) return 'github'
  if (under(STS_PREFIX)) return 'sts'
  if (under(SSO_OIDC_PREFIX)) return 'sso-oidc'
  if (under(SSO_PORTAL_PREFIX)) return 'sso'
  if (under(ACCOUNT_ISSUER_PREFIX)) return 'account-issuer'
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
