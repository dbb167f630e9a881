import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

/**
 * action-timeout-s: fails the step when it has not finished in time, whatever it is waiting for,
 * and ends the process at once, as configure-aws-credentials does: a request still in flight is
 * not waited for. Whatever was exported by then was recorded for post before it was, so post
 * undoes it. Returns the function that calls the deadline off.
 */
export function startStepDeadline(
  seconds: number,
  report: (err: ActionError) => Promise<void>
): () => void {
  const timer = setTimeout(() => {
    const err = new ActionError(
      PROBLEMS.stepTimedOut,
      [`the step had not finished after action-timeout-s (${seconds} s)`],
      [
        'The lines above show what it was waiting for; each request also has its own deadline (request-timeout-seconds) and is retried within it.',
        'Raise action-timeout-s if the step needs longer, or give 0 for no limit on the whole step.'
      ]
    )
    void report(err).finally(() => process.exit(1))
  }, seconds * 1000)
  // The deadline alone must not keep the step's process alive once its work is done.
  timer.unref()
  return () => clearTimeout(timer)
}
