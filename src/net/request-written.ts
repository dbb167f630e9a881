import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

const STARTED = 'http.client.request.start'

/**
 * Resolves once the next HTTP request the process starts is written in full to its socket: for
 * HTTPS after the handshake, as the request waits on the event loop until then. Work that may
 * take the main thread for milliseconds waits for this, so that it overlaps the answer instead of
 * holding up the connection. Also resolves if that request fails first.
 */
export function nextRequestWritten(): Promise<void> {
  return new Promise((resolve) => {
    const started = (message: unknown) => {
      unsubscribe(STARTED, started)
      const { request } = message as { request: ClientRequest }
      request.once('finish', () => resolve())
      request.once('close', () => resolve())
    }
    subscribe(STARTED, started)
  })
}
