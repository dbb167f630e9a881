// The one reader of errors from AWS (and from node underneath the SDK): which code, which status,
// and the error in a line.
import { withoutUserinfo } from './index.js'

/** The fields the AWS SDK, node and the action's own requests put on an error. */
export interface AwsErrorShape {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
  status?: number
  statusCode?: number
}

const shape = (err: unknown) => (err ?? {}) as AwsErrorShape

/**
 * The code as the error reports it: the code on the wire (`Code`, awsQuery), else the SDK's class
 * name (`name`, restJson and modelled errors), else node's (`code`, ECONNRESET and the like).
 */
export function reportedCode(err: unknown): string | undefined {
  const e = shape(err)
  return e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code
}

/**
 * A code as the service documents it. The SDK names some modelled errors with an `Exception` the
 * wire code lacks (MalformedPolicyDocument arrives as MalformedPolicyDocumentException), and
 * others carry it on the wire too: without the suffix, both read alike.
 */
export const documentedCode = (code: string) => code.replace(/(.)Exception$/, '$1')

/** The code to match on, whichever field carried it, as the service documents it. */
export function awsErrorCode(err: unknown): string {
  return documentedCode(reportedCode(err) ?? 'Error')
}

/** The HTTP status an error came with, if it came with one. */
export function httpStatus(err: unknown): number | undefined {
  const e = shape(err)
  return e.$metadata?.httpStatusCode ?? e.status
}

/** An error in a line: its code, HTTP status and message. */
export function describeError(err: unknown): string {
  const status = httpStatus(err)
  return withoutUserinfo(
    [reportedCode(err), status && `HTTP ${status}`, shape(err).message].filter(Boolean).join(', ')
  )
}
