/**
 * What node's own HTTP agents need to route through a proxy. The http-proxy and no-proxy inputs
 * win over HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case), which a runner set up behind a
 * proxy exports to every step; HTTPS_PROXY here may come from HTTP_PROXY.
 */
export interface ProxyRoute {
  readonly HTTPS_PROXY?: string
  readonly HTTP_PROXY?: string
  readonly NO_PROXY?: string
}

/** The http-proxy and no-proxy inputs as given (empty when not), which config/ reads. */
export interface ProxyInputs {
  readonly httpProxy: string
  readonly noProxy: string
}

/**
 * The runner passes the inputs to the post step too, so both entries read the same route.
 * Like curl and node, the lower-case variable wins when both cases are set. https requests (all
 * that GitHub and AWS take) fall back on the http variables when no https one is set, as
 * configure-aws-credentials does (http-proxy, then HTTPS_PROXY, then HTTP_PROXY: v6.2.3
 * src/helpers.ts and src/index.ts): a runner that sets only HTTP_PROXY may allow nothing direct.
 */
export function proxyRoute(inputs: ProxyInputs, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const https = httpsProxySource(inputs, env)?.value ?? ''
  const http = read(inputs.httpProxy, env.http_proxy, env.HTTP_PROXY)
  const route = {
    HTTPS_PROXY: normalised(https),
    // Used only by a plain-http endpoint; one that is not a proxy URL is left out, not refused.
    HTTP_PROXY: isProxyUrl(http) ? normalised(http) : undefined,
    NO_PROXY: forNode(read(inputs.noProxy, env.no_proxy, env.NO_PROXY)) || undefined
  }
  return route.HTTPS_PROXY || route.HTTP_PROXY ? route : undefined
}

/** Where the proxy for https requests comes from, named as a message to the user names it. */
export function httpsProxySource(
  inputs: ProxyInputs,
  env: NodeJS.ProcessEnv
): { readonly name: string; readonly value: string } | undefined {
  const sources: [string, string | undefined][] = [
    ['Input http-proxy', inputs.httpProxy],
    ...['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].map(
      (name): [string, string | undefined] => [`Variable ${name}`, env[name]]
    )
  ]
  for (const [name, value] of sources) if (value?.trim()) return { name, value: value.trim() }
  return undefined
}

const read = (...values: (string | undefined)[]) =>
  values.map((value) => (value ?? '').trim()).find(Boolean) ?? ''

/** An http or https URL with a host: what node accepts as a proxy. */
export function isProxyUrl(value: string): boolean {
  const url = URL.canParse(value) ? new URL(value) : undefined
  return !!url && (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname
}

/** node takes a proxy only if its URL starts with a lower-case http:// or https://. */
function normalised(value: string): string | undefined {
  if (!value) return undefined
  return isProxyUrl(value) ? new URL(value).href : value
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
 * NO_PROXY as curl and the AWS CLI read it, written for node: they read "example.com" as the
 * domain and its subdomains, node as that host alone (and ".example.com" as both).
 */
function forNode(list: string): string {
  return (
    list
      .split(/[\s,]+/)
      .filter(Boolean)
      // node compares an IPv6 address without its brackets.
      .map((entry) => entry.replace(/^\[([\da-f:.]+)\]$/i, '$1'))
      .flatMap((entry) =>
        // A port stays on its own entry: node matches a leading-dot entry against the bare host.
        /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(entry) && /[a-z]/i.test(entry)
          ? [entry, `.${entry}`]
          : [entry]
      )
      .join(',')
  )
}
