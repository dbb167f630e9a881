import * as core from '@actions/core'
import type { DeserializeMiddleware, Pluggable } from '@smithy/types'
import { withoutUserinfo } from '../errors/index.js'

interface SentRequest {
  method?: string
  protocol?: string
  hostname?: string
  port?: number
  path?: string
}

interface RawResponse {
  statusCode?: number
  headers?: Record<string, string | undefined>
}

/**
 * A debug line for each round trip an AWS SDK client makes: operation, endpoint, HTTP status, AWS
 * request id, duration. It sits last before the wire, under the SDK's deserializer, so it sees
 * the raw answer, whether the SDK then reads it as a result or as an error. Only these fields:
 * headers, query and body carry the token and the credentials.
 */
export function roundTripLog<Input extends object, Output extends object>(): Pluggable<
  Input,
  Output
> {
  return {
    applyToStack: (stack) =>
      stack.add(logRoundTrip<Input, Output>(), {
        step: 'deserialize',
        priority: 'low',
        name: 'keylessAwsRoundTrip'
      })
  }
}

function logRoundTrip<Input extends object, Output extends object>(): DeserializeMiddleware<
  Input,
  Output
> {
  return (next, context) => async (args) => {
    const request = args.request as SentRequest
    const port = request.port ? `:${request.port}` : ''
    const operation = `${context.clientName ?? 'AWS'} ${context.commandName ?? ''}`.trim()
    const endpoint = `${request.method} ${request.protocol}//${request.hostname}${port}${request.path}`
    const started = Date.now()
    const line = (outcome: string) =>
      core.debug(withoutUserinfo(`exchange: ${operation}: ${endpoint}: ${outcome}`))
    try {
      const result = await next(args)
      const response = result.response as RawResponse
      const headers = response.headers ?? {}
      const id = headers['x-amzn-requestid'] ?? headers['x-amz-request-id']
      line(
        `HTTP ${response.statusCode} in ${Date.now() - started} ms${id ? `, request id ${id}` : ''}`
      )
      return result
    } catch (err) {
      line(`no answer after ${Date.now() - started} ms (${(err as Error).name})`)
      throw err
    }
  }
}
