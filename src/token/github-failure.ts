import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { describeError } from '../errors/aws-error.js'
import { ForeignAnswer } from '../errors/foreign-answer.js'
import { foreignAnswerExplanation } from '../errors/foreign-answer-explanation.js'
import { RetriesExhausted } from '../retry.js'
import { TokenHttpError } from './token-http-error.js'

/** A token request that failed, as the error the step reports: who failed, and what to do. */
export function tokenFailure(err: unknown, layer: string, target: URL): ActionError {
  // A proxy's page is not GitHub's word, however often it came: said as such.
  const foreign = err instanceof RetriesExhausted ? err.cause : err
  if (foreign instanceof ForeignAnswer) {
    const tries = err instanceof RetriesExhausted ? [err.message] : []
    return new ActionError(
      PROBLEMS.notGithub,
      [layer, ...tries, foreign.message],
      foreignAnswerExplanation(foreign.seen),
      { cause: foreign }
    )
  }
  if (err instanceof RetriesExhausted) {
    return new ActionError(
      PROBLEMS.tokenServiceFailing,
      [layer, `${err.message}; last error: ${describeError(err.cause)}`],
      [
        `${target.origin} kept failing; this is on GitHub's side or the runner's network. Re-run the job.`
      ],
      { cause: err }
    )
  }
  if (err instanceof TokenHttpError) {
    return new ActionError(
      PROBLEMS.tokenRequestRefused,
      [layer, err.message],
      [
        'GitHub refused the runner’s token request: the request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN) is valid only for this job.',
        'Do not pass it to other jobs or copy it into env: from elsewhere.'
      ]
    )
  }
  return new ActionError(
    PROBLEMS.tokenServiceFailing,
    [layer, `request to ${target.origin} failed: ${(err as Error).message}`],
    [],
    {
      cause: err
    }
  )
}
