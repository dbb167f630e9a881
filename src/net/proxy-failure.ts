import { ActionError, withoutUserinfo } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

interface TunnelError {
  code?: string
  statusCode?: number
  message?: string
  cause?: unknown
}

/**
 * A proxy that turns a tunnel away fails every request the same way, whichever service it was
 * for: the failure is retitled as the proxy's, with what to change, keeping the chain of layers.
 */
export function asProxyFailure(err: unknown): unknown {
  let cause: unknown = err
  for (let depth = 0; cause && depth < 8; depth++) {
    const e = cause as TunnelError
    if (e.code === 'ERR_PROXY_TUNNEL') return retitle(err, e)
    cause = e.cause
  }
  return err
}

function retitle(err: unknown, tunnel: TunnelError): ActionError {
  const layers = err instanceof ActionError ? err.layers : []
  const status = tunnel.statusCode
  const answer = withoutUserinfo(tunnel.message ?? `HTTP ${status}`)
  const advice =
    status === 407
      ? 'The proxy asks for a user and password: give them in http-proxy (http://USER:PASSWORD@HOST:PORT, the password from a secret); keyless-aws masks the password.'
      : status === 403
        ? 'The proxy does not allow this host: ask its administrators to allow the GitHub token endpoint and the AWS endpoints the step calls (sts.REGION.amazonaws.com; for Identity Center also oidc.REGION.amazonaws.com and portal.sso.REGION.amazonaws.com), or list hosts it need not proxy in no-proxy.'
        : 'Check that http-proxy (or HTTPS_PROXY) names the right proxy, and that it allows CONNECT to port 443 of these hosts.'
  return new ActionError(
    PROBLEMS.proxyRefused,
    layers.length ? layers : [answer],
    [`The proxy answered: ${answer}.`, advice],
    { cause: tunnel, code: status ? `HTTP ${status}` : undefined }
  )
}
