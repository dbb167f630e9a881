import { agentsFor } from '../net/proxy-agents.js'
import type { ProxyRoute } from '../net/proxy-route.js'
import { RequestTimeout } from '../net/request-timeout.js'

export interface TokenResponse {
  readonly status: number
  readonly body: string
  /** The answer's content type, "" when it had none. */
  readonly contentType: string
  /** GitHub's id for the request, for the debug log, when the answer carries one. */
  readonly requestId?: string
}

/**
 * One GET to the runner's token endpoint with node's own HTTP client: it starts in a few
 * milliseconds, where a general-purpose client costs a noticeable share of the step's run time.
 */
export function getTokenResponse(
  url: URL,
  bearer: string,
  timeoutMs: number,
  proxy?: ProxyRoute,
  /** Called once the request is written to a connected socket, or has failed. */
  onSent?: () => void
): Promise<TokenResponse> {
  const secure = url.protocol !== 'http:'
  // Only the module the URL needs: node:https loads TLS and node:crypto with it.
  const client = process.getBuiltinModule(secure ? 'node:https' : 'node:http')
  const agents = proxy ? agentsFor(proxy) : undefined
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          'user-agent': 'keyless-aws'
        },
        timeout: timeoutMs,
        agent: secure ? agents?.httpsAgent : agents?.httpAgent
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            contentType: response.headers['content-type'] ?? '',
            requestId: [response.headers['x-github-request-id']].flat()[0]
          })
        )
        response.on('error', reject)
      }
    )
    // The timeout covers the whole exchange, not only idle time, so a slow drip cannot hang the job.
    const deadline = setTimeout(() => request.destroy(new RequestTimeout(timeoutMs)), timeoutMs)
    request.on('close', () => clearTimeout(deadline))
    request.on('timeout', () => request.destroy(new RequestTimeout(timeoutMs)))
    request.on('error', reject)
    if (onSent) {
      // 'finish': handed to a connected socket (after the TLS handshake over HTTPS). A request
      // that fails or closes first has left too, as far as the caller's waiting goes.
      request.once('finish', onSent)
      request.once('close', onSent)
    }
  })
}
