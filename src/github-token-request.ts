import * as http from 'node:http'
import * as https from 'node:https'

export interface TokenResponse {
  readonly status: number
  readonly body: string
}

const TIMEOUT_MS = 10_000

/**
 * One GET to the runner's token endpoint with node's own HTTP client: it starts in a few
 * milliseconds, where a general-purpose client costs a noticeable share of the step's run time.
 */
export function getTokenResponse(url: URL, bearer: string): Promise<TokenResponse> {
  const client = url.protocol === 'http:' ? http : https
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          'user-agent': 'keyless-aws'
        },
        timeout: TIMEOUT_MS
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
        response.on('error', reject)
      }
    )
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`))
    )
    request.on('error', reject)
  })
}
