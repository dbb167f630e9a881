import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'

export interface Tunnel {
  readonly target: string
  /** The port of the proxy's own connection to the target: what the target sees as its client. */
  readonly upstreamPort: number
  bytesUp: number
  bytesDown: number
}

export interface ConnectProxy {
  readonly url: string
  readonly tunnels: Tunnel[]
  /** Requests that were not CONNECT (a client that forwards plain HTTP); refused, but counted. */
  readonly refusedRequests: string[]
  /** CONNECTs turned away: bad credentials, or a target that is not loopback. */
  readonly refusedTunnels: string[]
  close(): Promise<void>
}

export interface ConnectProxyOptions {
  /** user:password the proxy asks for in Proxy-Authorization (Basic); none when absent. */
  readonly credentials?: string
}

/**
 * A CONNECT-only proxy on 127.0.0.1 that counts what passed through it, as a corporate proxy in
 * front of a self-hosted runner would see it. It opens tunnels to loopback addresses only.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: Tunnel[] = []
  const refusedRequests: string[] = []
  const refusedTunnels: string[] = []
  const expected = options.credentials
    ? `Basic ${Buffer.from(options.credentials).toString('base64')}`
    : undefined
  const server = createServer((req, res) => {
    refusedRequests.push(`${req.method} ${req.url}`)
    res.writeHead(405, { allow: 'CONNECT' }).end('CONNECT only\n')
  })
  const sockets = new Set<{ destroy(): void }>()
  server.on('connect', (req, client, head) => {
    sockets.add(client)
    const target = req.url ?? ''
    const [host, port] = target.split(':')
    const refuse = (status: string, extra = '') => {
      refusedTunnels.push(`${target} (${status})`)
      client.end(`HTTP/1.1 ${status}\r\n${extra}\r\n`)
    }
    if (expected && req.headers['proxy-authorization'] !== expected)
      return refuse('407 Proxy Authentication Required', 'Proxy-Authenticate: Basic\r\n')
    if (host !== '127.0.0.1' || !port) return refuse('403 Forbidden')
    const upstream = connect(Number(port), host, () => {
      const tunnel: Tunnel = {
        target,
        upstreamPort: upstream.localPort ?? 0,
        bytesUp: 0,
        bytesDown: 0
      }
      tunnels.push(tunnel)
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      client.on('data', (chunk: Buffer) => (tunnel.bytesUp += chunk.length))
      upstream.on('data', (chunk: Buffer) => (tunnel.bytesDown += chunk.length))
      client.pipe(upstream).pipe(client)
    })
    sockets.add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
    }
    upstream.on('error', drop)
    client.on('error', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    refusedRequests,
    refusedTunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
