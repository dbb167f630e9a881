import { ActionError } from './index.js'
import { PROBLEMS } from './problems.js'
import { describeError, reportedCode } from './aws-error.js'

/** How the retry layer gives up: how many attempts it made, with the last error as the cause. */
interface GaveUp {
  readonly message: string
  readonly cause?: unknown
}

/** An AWS service kept failing with errors that usually pass, for every attempt the policy allowed. */
export function awsUnavailable(gaveUp: GaveUp, service: string): ActionError {
  return new ActionError(
    PROBLEMS.awsUnavailable,
    [gaveUp.message, `last error: ${describeError(gaveUp.cause)}`],
    [
      `${service} kept failing with errors that usually pass (throttling, 5xx, resets, timeouts).`,
      'Re-run the job; if it persists, check the AWS Health Dashboard for the service, or raise retry-max-attempts.'
    ],
    { cause: gaveUp.cause, code: reportedCode(gaveUp.cause) }
  )
}
