import { ActionError } from './index.js'
import { PROBLEMS } from './problems.js'
import { describeError } from './aws-error.js'

/** How the retry layer gives up: how many attempts it made, with the last error as the cause. */
interface GaveUp {
  readonly message: string
  readonly cause?: unknown
}

/** An AWS service kept failing with errors that usually pass, for every attempt the policy allowed. */
export function awsUnavailable(err: GaveUp, layer: string, service: string): ActionError {
  const last = err.cause as { name?: string } | undefined
  return new ActionError(
    PROBLEMS.awsUnavailable,
    [layer, err.message, `last error: ${describeError(err.cause)}`],
    [
      `${service} kept failing with errors that usually pass (throttling, 5xx, resets, timeouts).`,
      'Re-run the job; if it persists, check the AWS Health Dashboard for the service, or raise retry-max-attempts.'
    ],
    { cause: err.cause, code: last?.name }
  )
}
