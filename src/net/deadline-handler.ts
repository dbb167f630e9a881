import type { Readable } from 'node:stream'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { NodeHttpHandlerOptions } from '@smithy/node-http-handler'
import { RequestTimeout } from './request-timeout.js'

type Handle = NodeHttpHandler['handle']

/**
 * The SDK's handler with one deadline for the whole request: connecting, the headers and the body.
 * Its own timeouts count idle time only, so a proxy or endpoint that sends a byte a second would
 * hold the job until GitHub kills it; here the body is read in full before the SDK sees it, and
 * the socket is destroyed when the deadline passes, whatever stage the request is in.
 * The SDK is handed the body as bytes, which it reads as they are: given a stream, its reader
 * first asks whether it is a web stream, and that question alone loads Node's web streams.
 */
export class DeadlineHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' }
  readonly #inner: NodeHttpHandler
  readonly #timeoutMs: number

  constructor(options: NodeHttpHandlerOptions, timeoutMs: number) {
    this.#inner = new NodeHttpHandler(options)
    this.#timeoutMs = timeoutMs
  }

  async handle(...[request, options = {}]: Parameters<Handle>): ReturnType<Handle> {
    const deadline = AbortSignal.timeout(this.#timeoutMs)
    const signal = options.abortSignal
      ? AbortSignal.any([options.abortSignal as AbortSignal, deadline])
      : deadline
    try {
      const { response } = await this.#inner.handle(request, { ...options, abortSignal: signal })
      const body = await readAll(response.body as Readable, signal)
      response.body = body
      return { response }
    } catch (err) {
      throw deadline.aborted ? new RequestTimeout(this.#timeoutMs) : err
    }
  }

  updateHttpClientConfig(...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>): void {
    this.#inner.updateHttpClientConfig(...args)
  }

  httpHandlerConfigs(): NodeHttpHandlerOptions {
    return this.#inner.httpHandlerConfigs()
  }

  destroy(): void {
    this.#inner.destroy()
  }
}

/** The whole body, or a rejection once the signal aborts (the stream is then destroyed). */
function readAll(body: Readable, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const onAbort = () => {
      body.destroy()
      reject(signal.reason as Error)
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    body.on('data', (chunk: Buffer) => chunks.push(chunk))
    body.once('error', reject)
    body.once('end', () => {
      signal.removeEventListener('abort', onAbort)
      resolve(Buffer.concat(chunks))
    })
  })
}
