import * as core from '@actions/core'
import type { InputReader } from './reader.js'
import {
  httpsProxySource,
  isProxyUrl,
  proxyRoute,
  runtimeRoutesProxies
} from '../net/proxy-route.js'
import type { ProxyRoute } from '../net/proxy-route.js'
import { readProxyInputs } from './proxy-inputs.js'

/**
 * The proxy every request of the step goes through, if any: http-proxy, or the runner's
 * HTTPS_PROXY, or else its HTTP_PROXY; hosts in no-proxy (or NO_PROXY) are reached directly.
 */
export function readProxy(inputs: InputReader, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const given = readProxyInputs(env)
  const route = proxyRoute(given, env)
  if (!route) return undefined
  for (const value of [route.HTTPS_PROXY, route.HTTP_PROXY]) maskPassword(value ?? '')
  const used = route.HTTPS_PROXY
  if (used && !isProxyUrl(used)) {
    const where = httpsProxySource(given, env)?.name ?? 'Input http-proxy'
    inputs.problems.push(
      `${where}: ${JSON.stringify(withoutPassword(used))} is not a proxy URL; ` +
        'give http://HOST:PORT or https://HOST:PORT, with USER:PASSWORD@ before the host if the proxy asks for them.'
    )
  }
  if (used && !runtimeRoutesProxies()) {
    inputs.problems.push(
      `Input http-proxy (or HTTPS_PROXY, HTTP_PROXY): this runner's Node.js ${process.versions.node} cannot route requests through a proxy (24.5 or later can); update the runner.`
    )
  }
  return route
}

/** USER:PASSWORD@ of a proxy URL, or of what was meant as one and does not parse. */
function userinfo(
  value: string
): { scheme: string; user: string; password: string; rest: string } | undefined {
  const at = value.lastIndexOf('@')
  if (at < 0) return undefined
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(value)?.[0] ?? ''
  const info = value.slice(scheme.length, at)
  const colon = info.indexOf(':')
  if (colon < 0) return undefined
  return {
    scheme,
    user: info.slice(0, colon),
    password: info.slice(colon + 1),
    rest: value.slice(at)
  }
}

/**
 * Masked before anything can print it, as written and decoded: node's own errors name the URL
 * as written, and a password with @ or : in it has to be percent-encoded there.
 */
function maskPassword(value: string): void {
  const password = userinfo(value)?.password
  if (!password) return
  core.setSecret(password)
  try {
    const decoded = decodeURIComponent(password)
    if (decoded !== password) core.setSecret(decoded)
  } catch {
    // Not valid percent-encoding: masked as written, which is how it is sent.
  }
}

function withoutPassword(value: string): string {
  const parts = userinfo(value)
  return parts ? `${parts.scheme}${parts.user}:***${parts.rest}` : value
}
