import { describe, expect, it } from 'vitest'
import { proxyRoute, runtimeRoutesProxies } from '../src/proxy-route.js'

describe('proxyRoute', () => {
  it('is undefined when neither the input nor a proxy variable is set', () => {
    expect(proxyRoute({ NO_PROXY: 'example.com' })).toBeUndefined()
  })

  it('http-proxy wins over the variables, for both schemes', () => {
    const route = proxyRoute({
      'INPUT_HTTP-PROXY': ' http://proxy.corp:3128 ',
      HTTPS_PROXY: 'http://other:1',
      http_proxy: 'http://other:2'
    })
    expect(route).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:3128',
      HTTP_PROXY: 'http://proxy.corp:3128',
      NO_PROXY: undefined
    })
  })

  it('falls back to the upper-case, then the lower-case variables, per scheme', () => {
    expect(proxyRoute({ https_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2' })).toEqual({
      HTTPS_PROXY: 'http://a:1',
      HTTP_PROXY: 'http://b:2',
      NO_PROXY: undefined
    })
  })

  it('reads a bare domain in no-proxy as the domain and its subdomains, as curl does', () => {
    const route = proxyRoute({
      HTTPS_PROXY: 'http://p:1',
      'INPUT_NO-PROXY': 'example.com, .corp.example,10.0.0.1 internal:8443\n*',
      NO_PROXY: 'ignored.example'
    })
    expect(route?.NO_PROXY).toBe(
      'example.com,.example.com,.corp.example,10.0.0.1,internal:8443,.internal:8443,*'
    )
  })

  it('takes NO_PROXY, then no_proxy, when the input is empty', () => {
    expect(proxyRoute({ HTTPS_PROXY: 'http://p:1', no_proxy: '127.0.0.1' })?.NO_PROXY).toBe(
      '127.0.0.1'
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
