/**
 * What node's own HTTP agents need to route through a proxy. The http-proxy and no-proxy inputs
 * win over HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case), which a runner set up behind a
 * proxy exports to every step.
 */
export interface ProxyRoute {
  readonly HTTPS_PROXY?: string
  readonly HTTP_PROXY?: string
  readonly NO_PROXY?: string
}

/** The runner passes the inputs to the post step too, so both entries read the same route. */
export function proxyRoute(env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const input = (name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim()
  const proxy = input('http-proxy')
  const route = {
    HTTPS_PROXY: proxy || env.HTTPS_PROXY || env.https_proxy || undefined,
    HTTP_PROXY: proxy || env.HTTP_PROXY || env.http_proxy || undefined,
    NO_PROXY: withSubdomains(input('no-proxy') || env.NO_PROXY || env.no_proxy || '') || undefined
  }
  return route.HTTPS_PROXY || route.HTTP_PROXY ? route : undefined
}

/**
 * Node 24.5 and later tunnel through a proxy themselves (CONNECT for https), so the bundle needs
 * no proxy agent package; older runtimes ignore the option, which the config step refuses.
 */
export function runtimeRoutesProxies(version = process.versions.node): boolean {
  const [major, minor] = version.split('.').map(Number)
  return major > 24 || (major === 24 && minor >= 5)
}

/**
 * curl, the AWS CLI and most runners' tools read "example.com" in NO_PROXY as the domain and its
 * subdomains; node reads it as that host alone, and ".example.com" as both.
 */
function withSubdomains(list: string): string {
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((entry) =>
      /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/i.test(entry) && /[a-z]/i.test(entry)
        ? [entry, `.${entry}`]
        : [entry]
    )
    .join(',')
}
