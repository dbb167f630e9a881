import type { IncomingHttpHeaders } from 'node:http'

// What a service handler sees: the request already read in full.
export interface EmulatorRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: string
}

// What a service handler returns; `action` names the operation for the request log.
export interface Reply {
  action: string
  status: number
  headers: Record<string, string>
  body: string
}

export function jsonReply(action: string, status: number, value: unknown): Reply {
  return {
    action,
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value)
  }
}

export function textReply(
  action: string,
  status: number,
  body: string,
  headers: Record<string, string> = {}
): Reply {
  return { action, status, headers: { 'content-type': 'text/plain', ...headers }, body }
}
