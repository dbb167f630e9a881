import * as core from '@actions/core'
import type { InputReader } from './input-reader.js'
import { proxyRoute, runtimeRoutesProxies } from './proxy-route.js'
import type { ProxyRoute } from './proxy-route.js'

/**
 * The proxy every request of the step goes through, if any: http-proxy, or the runner's
 * HTTPS_PROXY; hosts in no-proxy (or NO_PROXY) are reached directly.
 */
export function readProxy(inputs: InputReader, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const route = proxyRoute(env)
  if (!route) return undefined
  const given = inputs.get('http-proxy')
  for (const [name, value] of [
    ['http-proxy', given],
    ['HTTPS_PROXY', given ? '' : route.HTTPS_PROXY],
    ['HTTP_PROXY', given ? '' : route.HTTP_PROXY]
  ] as const) {
    if (!value) continue
    const url = URL.canParse(value) ? new URL(value) : undefined
    // Masked before anything can print it: a proxy password is a secret like any other.
    if (url?.password) core.setSecret(decodeURIComponent(url.password))
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) continue
    inputs.problems.push(
      `${name === 'http-proxy' ? 'Input http-proxy' : `Variable ${name}`}: ${JSON.stringify(withoutPassword(value))} is not a proxy URL; ` +
        'give http://HOST:PORT or https://HOST:PORT, with USER:PASSWORD@ before the host if the proxy asks for them.'
    )
  }
  if (!runtimeRoutesProxies()) {
    inputs.problems.push(
      `Input http-proxy (or HTTPS_PROXY): this runner's Node.js ${process.versions.node} cannot route requests through a proxy (24.5 or later can); update the runner.`
    )
  }
  return route
}

function withoutPassword(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
}
