import type { Reply } from '../http-message.js'
import type { Fault } from './fault-map.js'

type Tamper = Extract<Fault, { kind: 'tamper' }>
type Foreign = Extract<Fault, { kind: 'foreign' }>

// What a proxy that blocks a host typically sends: a page for people, not an API answer.
const BLOCKED_PAGE =
  '<!DOCTYPE html><html><head><title>Access Denied</title></head>' +
  '<body><h1>Access Denied</h1><p>This site is blocked by your network policy.</p></body></html>'

// An answer from whatever stands in the service's place; the service itself never sees the request.
export function foreignReply(action: string, fault: Foreign): Reply {
  return {
    action,
    status: fault.status,
    headers: { 'content-type': fault.contentType ?? 'text/html', ...fault.headers },
    body: fault.body ?? BLOCKED_PAGE
  }
}

// The service's answer with fields replaced wherever they occur, in the format the answer has.
export function tamperedReply(reply: Reply, fault: Tamper): Reply {
  const fields = Object.entries(fault.fields ?? {})
  const json = /json/i.test(reply.headers['content-type'] ?? '')
  const body = json ? replaceInJson(reply.body, fields) : replaceInXml(reply.body, fields)
  return { ...reply, headers: { ...reply.headers, ...fault.headers }, body }
}

function replaceInXml(body: string, fields: [string, string | number][]): string {
  return fields.reduce(
    (text, [name, value]) =>
      text.replace(
        new RegExp(`<${name}>[^<]*</${name}>`, 'g'),
        `<${name}>${String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`
      ),
    body
  )
}

function replaceInJson(body: string, fields: [string, string | number][]): string {
  const values = new Map(fields)
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (typeof node !== 'object' || node === null) return node
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        values.has(key) ? values.get(key) : walk(value)
      ])
    )
  }
  return JSON.stringify(walk(JSON.parse(body)))
}
