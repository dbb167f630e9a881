// The faults section of a scenario: what each endpoint suffers, keyed by service and action.

// An injected error; `code` and `message` default to what the service sends for that status.
export interface FaultError {
  status: number
  code?: string
  message?: string
  // GitHub's token endpoint only: the body as given, still declared JSON, instead of its JSON
  // error document (a body whose bytes a client might print as they are: a newline, a command).
  body?: string
}

export type Fault =
  // Answered in that service's own error format.
  | ({ kind: 'error' } & FaultError)
  // The socket is reset without any answer: the client sees ECONNRESET.
  | { kind: 'reset' }
  // Never answered; held until the client gives up or the emulator closes.
  | { kind: 'hang' }
  // The service's own answer, its headers at once, then its body one byte every `intervalMs`
  // (1 s by default): a slow drip that an idle-time limit never cuts. `body` stands in for the
  // answer's own, for an answer with none to drip (Logout).
  | { kind: 'drip'; intervalMs?: number; body?: string }
  // The service's own answer, altered: each of `fields` (an XML element's text, or a JSON member at
  // any depth) given that value as it stands, and `headers` added or replaced (a Date far off, say).
  | { kind: 'tamper'; fields?: Record<string, string | number>; headers?: Record<string, string> }
  // Something else answers in the service's place, as a corporate proxy or a captive portal does:
  // that status, content type (HTML by default) and body, and headers such as a redirect's location.
  | {
      kind: 'foreign'
      status: number
      contentType?: string
      body?: string
      headers?: Record<string, string>
    }

export interface EndpointFaults {
  // Added before answering every request to the endpoint, faulted or not.
  latencyMs?: number
  // The n-th request to the endpoint gets script[n-1]; later ones are served normally.
  script?: Fault[]
  // Every request after the script: a permanent fault.
  always?: Fault
  // A request that finds the bucket empty gets the service's throttling error.
  throttle?: { ratePerSecond: number; burst: number }
  // Each of the first `barrier` requests waits until the last of them has arrived; then all go on
  // together, before the rest of the faults apply: runners released at the same moment.
  barrier?: number
}

// Keyed "<service>:<Action>" or "<service>:*", with the names the request log records; an exact
// key wins over the wildcard, and each key has its own counter and bucket.
export type FaultMap = Record<string, EndpointFaults>

export type FaultKind = Fault['kind'] | 'throttle'
