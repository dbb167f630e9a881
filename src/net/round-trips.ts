import * as core from '@actions/core'
import type { DeserializeMiddleware, InitializeMiddleware, Pluggable } from '@smithy/types'
import { withoutUserinfo } from '../errors/index.js'
import { ForeignAnswer, isForeignAnswer } from '../errors/foreign-answer.js'

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

/** Who answered a call and when its Date header says it did: for checking what it answered. */
export interface AnswerSeen {
  /** The operation and endpoint, as a message names them. */
  readonly who: string
  readonly date?: string
}

/**
 * A debug line for each round trip an AWS SDK client makes: operation, endpoint, HTTP status, AWS
 * request id, duration. It sits last before the wire, under the SDK's deserializer, so it sees
 * the raw answer, whether the SDK then reads it as a result or as an error. Only these fields:
 * headers, query and body carry the token and the credentials. An answer that is no AWS answer
 * (a redirect, an HTML page) is thrown as a ForeignAnswer before the SDK tries to read it;
 * `onAnswer` hears of every other one.
 */
export function roundTripLog<Input extends object, Output extends object>(
  onAnswer?: (answer: AnswerSeen) => void
): Pluggable<Input, Output> {
  return {
    applyToStack: (stack) => {
      stack.add(logRoundTrip<Input, Output>(onAnswer), {
        step: 'deserialize',
        priority: 'low',
        name: 'keylessAwsRoundTrip'
      })
      stack.add(nameWhoAnswered<Input, Output>(), {
        step: 'initialize',
        priority: 'high',
        name: 'keylessAwsWhoAnswered'
      })
    }
  }
}

// Where the round trip leaves, in the context the SDK shares across one call's middleware, who
// answered: the SDK's own error for an answer it could not read names no endpoint.
const ANSWERED = Symbol('keyless-aws answered by')

/**
 * An answer the SDK could not read (a field not of its type) fails with the SDK's error, which
 * then carries `answeredBy`: the operation and endpoint, for the message.
 */
function nameWhoAnswered<Input extends object, Output extends object>(): InitializeMiddleware<
  Input,
  Output
> {
  return (next, context) => async (args) => {
    try {
      return await next(args)
    } catch (err) {
      const who = (context as Record<symbol, unknown>)[ANSWERED]
      if (typeof who === 'string' && err instanceof Error && '$response' in err)
        Object.assign(err, { answeredBy: who })
      throw err
    }
  }
}

function logRoundTrip<Input extends object, Output extends object>(
  onAnswer?: (answer: AnswerSeen) => void
): DeserializeMiddleware<Input, Output> {
  return (next, context) => async (args) => {
    const request = args.request as SentRequest
    const port = request.port ? `:${request.port}` : ''
    const operation = `${context.clientName ?? 'AWS'} ${context.commandName ?? ''}`.trim()
    // As a message names it: "STS AssumeRoleWithWebIdentity", not the SDK's class names.
    const named =
      `${(context.clientName ?? 'AWS').replace(/Client$/, '')} ${(context.commandName ?? '').replace(/Command$/, '')}`.trim()
    const endpoint = `${request.method} ${request.protocol}//${request.hostname}${port}${request.path}`
    const started = Date.now()
    const line = (outcome: string) =>
      core.debug(withoutUserinfo(`exchange: ${operation}: ${endpoint}: ${outcome}`))
    let result: Awaited<ReturnType<typeof next>>
    try {
      result = await next(args)
    } catch (err) {
      line(`no answer after ${Date.now() - started} ms (${(err as Error).name})`)
      throw err
    }
    const response = result.response as RawResponse
    const headers = response.headers ?? {}
    const status = response.statusCode ?? 0
    const id = headers['x-amzn-requestid'] ?? headers['x-amz-request-id']
    line(`HTTP ${status} in ${Date.now() - started} ms${id ? `, request id ${id}` : ''}`)
    const at = withoutUserinfo(`${request.protocol}//${request.hostname}${port}${request.path}`)
    const contentType = headers['content-type'] ?? ''
    if (isForeignAnswer(status, contentType))
      throw new ForeignAnswer({
        operation: named,
        endpoint: at,
        status,
        contentType,
        expected: 'AWS'
      })
    ;(context as Record<symbol, unknown>)[ANSWERED] = `${named} at ${at}`
    onAnswer?.({ who: `${named} at ${at}`, date: headers.date })
    return result
  }
}
