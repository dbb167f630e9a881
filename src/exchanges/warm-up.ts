/** An answer the service would give, as the SDK's handler hands it on. */
export interface CannedAnswer {
  readonly statusCode: number
  readonly headers: Record<string, string>
  readonly body: string
}

/**
 * A request handler that answers every request with the canned answer and sends nothing: for a
 * client that only runs the SDK's code for one call (see warmUp).
 */
export function cannedHandler(answer: CannedAnswer) {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async () => {
      // A turn of the event loop between the request's half and the answer's: an answer the
      // step is waiting for is handled in between, not after both.
      await new Promise((resolve) => setImmediate(resolve))
      return {
        response: {
          statusCode: answer.statusCode,
          headers: answer.headers,
          body: Buffer.from(answer.body)
        }
      }
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined
  }
}

/**
 * V8 compiles a function the first time it runs, and the SDK's first call runs a great deal of
 * code: its middleware, the serializer, the signer, the parser of the answer. Run once on a client
 * of its own whose handler answers from a can, while the step waits on the network anyway, that
 * compiling is done before the real call needs it. Nothing is sent, and what it gives is dropped.
 */
export function warmUp(send: () => Promise<unknown>): Promise<boolean> {
  // Whether the call went through: a warm-up that failed early compiled less, and says so.
  return send().then(
    () => true,
    () => false
  )
}
