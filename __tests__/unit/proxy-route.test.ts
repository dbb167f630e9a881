import { describe, expect, it } from 'vitest'
import { proxyRoute as routeFor, runtimeRoutesProxies } from '../../src/net/proxy-route.js'
import type { ProxyInputs } from '../../src/net/proxy-route.js'

const NO_INPUTS: ProxyInputs = { httpProxy: '', noProxy: '' }
const proxyRoute = (env: NodeJS.ProcessEnv, inputs: Partial<ProxyInputs> = {}) =>
  routeFor({ ...NO_INPUTS, ...inputs }, env)

describe('proxyRoute', () => {
  it('is undefined when neither the input nor a proxy variable is set', () => {
    expect(proxyRoute({ NO_PROXY: 'example.com' })).toBeUndefined()
  })

  it('http-proxy wins over the variables, for both schemes', () => {
    const route = proxyRoute(
      { HTTPS_PROXY: 'http://other:1', http_proxy: 'http://other:2' },
      { httpProxy: ' http://proxy.corp:3128 ' }
    )
    expect(route).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:3128/',
      HTTP_PROXY: 'http://proxy.corp:3128/',
      NO_PROXY: undefined
    })
  })

  it('takes the lower-case variable over the upper-case one, as curl and node do', () => {
    expect(
      proxyRoute({
        https_proxy: 'http://lower:1',
        HTTPS_PROXY: 'http://upper:1',
        http_proxy: 'http://lower:2',
        HTTP_PROXY: 'http://upper:2'
      })
    ).toEqual({
      HTTPS_PROXY: 'http://lower:1/',
      HTTP_PROXY: 'http://lower:2/',
      NO_PROXY: undefined
    })
    expect(proxyRoute({ HTTPS_PROXY: 'http://upper:1', https_proxy: '  ' })?.HTTPS_PROXY).toBe(
      'http://upper:1/'
    )
  })

  it('falls back on HTTP_PROXY for https when no https variable is set, as the incumbent does', () => {
    expect(proxyRoute({ HTTP_PROXY: 'http://p:1' })).toEqual({
      HTTPS_PROXY: 'http://p:1/',
      HTTP_PROXY: 'http://p:1/',
      NO_PROXY: undefined
    })
    // Lower case first there too.
    expect(
      proxyRoute({ http_proxy: 'http://lower:2', HTTP_PROXY: 'http://upper:2' })?.HTTPS_PROXY
    ).toBe('http://lower:2/')
    // An https variable in either case wins over both http ones.
    expect(
      proxyRoute({ HTTPS_PROXY: 'http://upper:1', http_proxy: 'http://lower:2' })?.HTTPS_PROXY
    ).toBe('http://upper:1/')
  })

  it('leaves out an HTTP_PROXY that is not a proxy URL, since no https request uses it', () => {
    expect(proxyRoute({ HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'proxy.corp:3128' })).toEqual({
      HTTPS_PROXY: 'http://p:1/',
      HTTP_PROXY: undefined,
      NO_PROXY: undefined
    })
  })

  it('writes the URL as node accepts it: lower-case scheme, no surrounding space', () => {
    expect(proxyRoute({ HTTPS_PROXY: ' HTTP://Proxy.Corp:3128 ' })?.HTTPS_PROXY).toBe(
      'http://proxy.corp:3128/'
    )
    expect(proxyRoute({ HTTPS_PROXY: 'http://u:p%40ss@proxy:3128' })?.HTTPS_PROXY).toBe(
      'http://u:p%40ss@proxy:3128/'
    )
  })

  it('keeps a value that is not a URL as it is, for the config step to refuse', () => {
    expect(proxyRoute({ HTTPS_PROXY: 'user:s3cret@proxy.corp:3128' })?.HTTPS_PROXY).toBe(
      'user:s3cret@proxy.corp:3128'
    )
  })

  it('reads a bare domain in no-proxy as the domain and its subdomains, as curl does', () => {
    const route = proxyRoute(
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'ignored.example' },
      { noProxy: 'example.com, .corp.example,10.0.0.1 internal:8443\n*' }
    )
    expect(route?.NO_PROXY).toBe('example.com,.example.com,.corp.example,10.0.0.1,internal:8443,*')
  })

  it('writes an IPv6 address without brackets, the only form node matches', () => {
    expect(proxyRoute({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '[::1], [fd00::1]' })?.NO_PROXY).toBe(
      '::1,fd00::1'
    )
  })

  it('takes no_proxy over NO_PROXY when the input is empty', () => {
    expect(
      proxyRoute({ HTTPS_PROXY: 'http://p:1', no_proxy: '127.0.0.1', NO_PROXY: '10.0.0.1' })
        ?.NO_PROXY
    ).toBe('127.0.0.1')
    expect(proxyRoute({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.1' })?.NO_PROXY).toBe(
      '10.0.0.1'
    )
  })
})

describe('runtimeRoutesProxies', () => {
  it.each([
    ['24.4.1', false],
    ['24.5.0', true],
    ['24.21.0', true],
    ['25.0.0', true],
    ['22.18.0', false]
  ])('Node %s: %s', (version, expected) => {
    expect(runtimeRoutesProxies(version)).toBe(expected)
  })
})
