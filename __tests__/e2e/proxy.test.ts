import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import { startConnectProxy } from '../../runner/connect-proxy.js'
import type { ConnectProxy } from '../../runner/connect-proxy.js'
import { loopbackCertificate } from '../../runner/test-certificate.js'
import type { TestCertificate } from '../../runner/test-certificate.js'
import {
  IDENTITY_CENTER,
  consume,
  expectNoLeaks,
  expectNothingExported,
  failure,
  newJob,
  STS_INPUTS,
  useEmulator
} from './fixture.js'

const PROXY_PASSWORD = 'proxy-secret-8d1c2f'

let certificate: TestCertificate
beforeAll(async () => {
  certificate = await loopbackCertificate()
})

/** The emulator serves HTTPS, as GitHub and AWS do, so requests through the proxy are tunnels. */
const ctx = useEmulator(async () => ({
  tls: certificate ?? (certificate = await loopbackCertificate())
}))
let proxy: ConnectProxy | undefined
afterEach(async () => {
  await proxy?.close()
  proxy = undefined
})
afterAll(async () => proxy?.close())

const trustingEmulator = () => ({ NODE_EXTRA_CA_CERTS: certificate.caFile })

/** Every request the emulator saw came in through one of the proxy's tunnels. */
function expectAllThroughProxy(emu: Emulator, through: ConnectProxy, services: string[]): void {
  const tunnelPorts = new Set(through.tunnels.map((t) => t.upstreamPort))
  expect(emu.log.map((r) => r.service)).toEqual(services)
  for (const request of emu.log) expect(tunnelPorts).toContain(request.remotePort)
  const target = new URL(emu.clientUrl).host
  for (const tunnel of through.tunnels) {
    expect(tunnel.target).toBe(target)
    expect(tunnel.bytesUp).toBeGreaterThan(0)
    expect(tunnel.bytesDown).toBeGreaterThan(0)
  }
  expect(through.refusedRequests).toEqual([])
}

describe('http-proxy, no-proxy and the runner’s proxy variables', () => {
  it('http-proxy: the token request and AssumeRoleWithWebIdentity both go through CONNECT tunnels', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy()
    const main = await newJob(emu, undefined, trustingEmulator()).run('main', {
      ...STS_INPUTS,
      'http-proxy': proxy.url
    })
    expect(main.exitCode).toBe(0)
    expect(main.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
    expectAllThroughProxy(emu, proxy, ['github', 'sts'])
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2)
    expectNoLeaks(emu, main)
  })

  it('HTTPS_PROXY from the runner, with a password the proxy asks for: used, and the password masked, in debug mode too', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy({ credentials: `octo:${PROXY_PASSWORD}` })
    const proxyUrl = proxy.url.replace('//', `//octo:${PROXY_PASSWORD}@`)
    const job = newJob(emu, undefined, {
      ...trustingEmulator(),
      HTTPS_PROXY: proxyUrl,
      RUNNER_DEBUG: '1'
    })
    const main = await job.run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    expectAllThroughProxy(emu, proxy, ['github', 'sts'])
    expect(proxy.refusedTunnels).toEqual([])
    expect(main.log.masks).toContain(PROXY_PASSWORD)
    expectNoLeaks(emu, main, { moreSecrets: [PROXY_PASSWORD, `octo:${PROXY_PASSWORD}`] })
  })

  it('HTTP_PROXY alone, as some runners set it: the HTTPS endpoints, and post’s sign-out, go through it', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy({ credentials: `octo:${PROXY_PASSWORD}` })
    const proxyUrl = proxy.url.replace('//', `//octo:${PROXY_PASSWORD}@`)
    const job = newJob(emu, undefined, { ...trustingEmulator(), HTTP_PROXY: proxyUrl })
    const main = await job.run('main', IDENTITY_CENTER)
    expect(main.exitCode).toBe(0)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expectAllThroughProxy(emu, proxy, ['github', 'github', 'sts', 'sso-oidc', 'sso', 'sso'])
    expect(proxy.refusedTunnels).toEqual([])
    expect(main.log.masks).toContain(PROXY_PASSWORD)
    for (const step of [main, post])
      expectNoLeaks(emu, step, { moreSecrets: [PROXY_PASSWORD, `octo:${PROXY_PASSWORD}`] })
  })

  it('the Identity Center path, and post’s sign-out, go through the http-proxy too', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy()
    const job = newJob(emu, undefined, trustingEmulator())
    const main = await job.run('main', { ...IDENTITY_CENTER, 'http-proxy': proxy.url })
    expect(main.exitCode).toBe(0)
    const post = await job.run('post')
    expect(post.exitCode).toBe(0)
    expect(post.log.lines.join('\n')).toContain('Signed out of the Identity Center session.')
    expectAllThroughProxy(emu, proxy, ['github', 'github', 'sts', 'sso-oidc', 'sso', 'sso'])
    expect(emu.log.at(-1)?.action).toBe('Logout')
    for (const step of [main, post]) expectNoLeaks(emu, step)
  })

  it('a self-refreshing profile’s credential_process goes through the same proxy', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy()
    const job = newJob(emu, undefined, trustingEmulator())
    const main = await job.run('main', {
      ...STS_INPUTS,
      'http-proxy': proxy.url,
      'aws-profile': 'deploy',
      'self-refreshing': 'true'
    })
    expect(main.exitCode).toBe(0)
    emu.resetLog()
    // A later step that is not behind the proxy itself: only the process's requests are tunnelled.
    const consumer = await consume(emu, job, 'process', 'deploy')
    expect(consumer.exitCode, consumer.stderr).toBe(0)
    const tunnelled = new Set(proxy.tunnels.map((t) => t.upstreamPort))
    expect(emu.log.map((r) => [r.action, tunnelled.has(r.remotePort)])).toEqual([
      ['GetIdToken', true],
      ['AssumeRoleWithWebIdentity', true],
      ['GetCallerIdentity', false]
    ])
    expectNoLeaks(emu, main)
  })

  it('no-proxy naming the endpoints’ host: nothing passes through the proxy', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy()
    const main = await newJob(emu, undefined, trustingEmulator()).run('main', {
      ...STS_INPUTS,
      'http-proxy': proxy.url,
      'no-proxy': 'internal.example, 127.0.0.1'
    })
    expect(main.exitCode).toBe(0)
    expect(emu.log.map((r) => r.service)).toEqual(['github', 'sts'])
    expect(proxy.tunnels).toEqual([])
    expectNoLeaks(emu, main)
  })

  it('NO_PROXY from the runner is honoured the same way', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy()
    const env = { ...trustingEmulator(), HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    const main = await newJob(emu, undefined, env).run('main', STS_INPUTS)
    expect(main.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([])
    expectNoLeaks(emu, main)
  })

  it('a proxy that refuses the tunnel: a clear failure at once, nothing exported', async () => {
    const { emu } = ctx
    proxy = await startConnectProxy({ credentials: `octo:${PROXY_PASSWORD}` })
    const main = await newJob(emu, undefined, trustingEmulator()).run('main', {
      ...STS_INPUTS,
      'http-proxy': proxy.url
    })
    expectNothingExported(main)
    expect(failure(main)).toMatch(
      /^keyless-aws failed: Proxy refused the connection: .*HTTP\/1\.1 407 Proxy Authentication Required\n/
    )
    expect(failure(main)).toContain('give them in http-proxy (http://USER:PASSWORD@HOST:PORT')
    // One attempt: a refusal is not retried.
    expect(proxy.refusedTunnels).toHaveLength(1)
    expect(emu.log).toEqual([])
    expectNoLeaks(emu, main)
  })

  it('a password percent-encoded in the URL: masked as written and as meant', async () => {
    const { emu } = ctx
    const password = `p@ss:${PROXY_PASSWORD}`
    const encoded = encodeURIComponent(password)
    proxy = await startConnectProxy({ credentials: `octo:${PROXY_PASSWORD}` })
    const main = await newJob(emu, undefined, trustingEmulator()).run('main', {
      ...STS_INPUTS,
      'http-proxy': proxy.url.replace('//', `//octo:${encoded}@`)
    })
    expectNothingExported(main)
    expect(proxy.refusedTunnels).toHaveLength(1)
    expect(failure(main)).toMatch(/^keyless-aws failed: Proxy refused the connection/)
    expect(main.log.masks).toEqual(expect.arrayContaining([password, encoded]))
    expectNoLeaks(emu, main, { moreSecrets: [password, encoded] })
  })

  it('a proxy variable that is not a URL: named, and its password neither shown nor sent', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, {
      ...trustingEmulator(),
      HTTPS_PROXY: `octo:${PROXY_PASSWORD}@127.0.0.1:3128`
    }).run('main', STS_INPUTS)
    expectNothingExported(main)
    expect(failure(main)).toContain(
      'Variable HTTPS_PROXY: "octo:***@127.0.0.1:3128" is not a proxy URL; give http://HOST:PORT'
    )
    expect(emu.log).toEqual([])
    expectNoLeaks(emu, main, { moreSecrets: [PROXY_PASSWORD] })
  })

  it('an http-proxy that is not a URL names the input, and the password stays masked', async () => {
    const { emu } = ctx
    const main = await newJob(emu, undefined, trustingEmulator()).run('main', {
      ...STS_INPUTS,
      'http-proxy': `socks5://octo:${PROXY_PASSWORD}@127.0.0.1:1080`
    })
    expectNothingExported(main)
    expect(failure(main)).toContain(
      'Input http-proxy: "socks5://octo:***@127.0.0.1:1080" is not a proxy URL; give http://HOST:PORT'
    )
    expect(emu.log).toEqual([])
    expectNoLeaks(emu, main, { moreSecrets: [PROXY_PASSWORD] })
  })
})
