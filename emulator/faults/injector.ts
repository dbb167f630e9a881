import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Reply } from '../http-message.js'
import type { EndpointFaults, Fault, FaultKind, FaultMap } from './fault-map.js'
import { foreignReply } from './altered-answers.js'
import { faultReply, throttlingReply } from './replies.js'
import { TokenBucket } from './token-bucket.js'
import { Barrier } from './barrier.js'
import { createHolds } from './holds.js'
import type { Hold } from './holds.js'

export interface Interception {
  fault?: FaultKind
  // Set when the fault is an answer; without it, and with the socket open, the handler answers.
  reply?: Reply
  // False once the socket has closed (reset, hang, or the client gave up during the latency).
  open: boolean
  // Set for a drip: the handler answers, and its reply goes out one byte every `intervalMs`.
  drip?: { intervalMs: number; body?: string }
  // Set for a tamper: the handler answers, and its reply is altered before it goes out.
  tamper?: Extract<Fault, { kind: 'tamper' }>
}

export interface FaultInjector {
  // Counts the request against its endpoint, waits out the latency, then applies the fault due.
  intercept(service: string, action: string, res: ServerResponse): Promise<Interception>
  // Holds the next request to `key` until released (see holds.ts).
  holdNext(key: string): Hold
  // Forgets every counter, bucket, barrier and hold.
  reset(): void
}

interface EndpointState {
  count: number
  bucket?: TokenBucket
}

type Decision = Fault | { kind: 'throttle' } | undefined

export function createFaultInjector(faults: () => FaultMap, now?: () => number): FaultInjector {
  const states = new Map<string, EndpointState>()
  const barriers = new Map<string, Barrier>()
  const holds = createHolds()

  // Decided on arrival, so that the script follows the order in which requests came in even when
  // latency lets them finish in another order.
  function decide(config: EndpointFaults, key: string): Decision {
    let state = states.get(key)
    if (!state) {
      const bucket = config.throttle && new TokenBucket({ ...config.throttle, now })
      state = { count: 0, bucket }
      states.set(key, state)
    }
    state.count += 1
    const scripted = config.script?.[state.count - 1]
    if (scripted) return scripted
    if (config.always) return config.always
    if (state.bucket && !state.bucket.tryTake()) return { kind: 'throttle' }
    return undefined
  }

  return {
    async intercept(service, action, res) {
      await holds.pass(service, action)
      const map = faults()
      const key = [`${service}:${action}`, `${service}:*`].find((k) => Object.hasOwn(map, k))
      if (key === undefined) return { open: true }
      const config = map[key]
      if (config.barrier) {
        const barrier = barriers.get(key) ?? new Barrier(config.barrier)
        barriers.set(key, barrier)
        await barrier.arrive()
      }
      const fault = decide(config, key)
      const closed = socketClosed(res)
      if (config.latencyMs) await delay(config.latencyMs, closed)
      if (closed.aborted) return { fault: fault?.kind, open: false }
      switch (fault?.kind) {
        case undefined:
          return { open: true }
        case 'error':
          return { fault: 'error', reply: faultReply(service, action, fault), open: true }
        case 'throttle':
          return { fault: 'throttle', reply: throttlingReply(service, action), open: true }
        case 'reset':
          // An RST rather than a FIN, so that clients report ECONNRESET.
          res.req.socket.resetAndDestroy()
          await aborted(closed)
          return { fault: 'reset', open: false }
        case 'hang':
          // Released by the client's timeout or by the emulator's closeAllConnections().
          await aborted(closed)
          return { fault: 'hang', open: false }
        case 'foreign':
          return { fault: 'foreign', reply: foreignReply(action, fault), open: true }
        case 'tamper':
          return { fault: 'tamper', open: true, tamper: fault }
        case 'drip':
          return {
            fault: 'drip',
            open: true,
            drip: { intervalMs: fault.intervalMs ?? 1000, body: fault.body }
          }
      }
    },
    holdNext: (key) => holds.holdNext(key),
    reset: () => {
      states.clear()
      barriers.clear()
      holds.clear()
    }
  }
}

// Aborts when the request's socket closes, whoever closes it.
function socketClosed(res: ServerResponse): AbortSignal {
  const controller = new AbortController()
  if (res.req.socket.destroyed) controller.abort()
  else res.once('close', () => controller.abort())
  return controller.signal
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

// Timers run on a clock that may be a fraction of a millisecond behind performance.now(), which
// the log uses; sleeping again for what is left keeps the logged duration at least `ms`.
async function delay(ms: number, signal: AbortSignal): Promise<void> {
  const until = performance.now() + ms
  for (let left = ms; left > 0 && !signal.aborted; left = until - performance.now()) {
    await sleep(Math.ceil(left), undefined, { signal }).catch(() => undefined)
  }
}
