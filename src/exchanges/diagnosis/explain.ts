import { ActionError } from '../../errors/index.js'
import { awsErrorCode, reportedCode } from '../../errors/aws-error.js'
import type { AwsErrorShape } from '../../errors/aws-error.js'
import { awsUnavailable } from '../../errors/aws-unavailable.js'
import { ForeignAnswer } from '../../errors/foreign-answer.js'
import { foreignAnswerExplanation } from '../../errors/foreign-answer-explanation.js'
import { PROBLEMS } from '../../errors/problems.js'
import type { Problem } from '../../errors/problems.js'
import { RetriesExhausted } from '../../retry.js'

/** What a failure means and what to change: a problem title and the lines that explain it. */
export interface Diagnosis {
  readonly problem: Problem
  readonly lines: readonly string[]
}

/**
 * The one path from a failed call to what the user reads. An ActionError was explained by the
 * layer that threw it; retries that ran out mean the service was unavailable; anything else is
 * diagnosed from its code, as the service documents it, and its message; a code no diagnosis
 * knows is unexpected. `message` replaces the error's own when the service says more elsewhere
 * (SSO OIDC's error_description). The code as reported and the message are this layer; the
 * exchange adds its own above with within().
 */
export function explainAwsError(
  err: unknown,
  service: string,
  diagnose: (code: string, message: string) => Diagnosis | undefined,
  message = (err as AwsErrorShape | undefined)?.message ?? ''
): ActionError {
  if (err instanceof ActionError) return err
  // A proxy's page is not the service's word, however often it came: said as such.
  const foreign = err instanceof RetriesExhausted ? err.cause : err
  if (foreign instanceof ForeignAnswer) {
    const tries = err instanceof RetriesExhausted ? [err.message] : []
    return new ActionError(
      PROBLEMS.notAws,
      [...tries, foreign.message],
      foreignAnswerExplanation(foreign.seen),
      {
        cause: foreign
      }
    )
  }
  if (err instanceof RetriesExhausted) return awsUnavailable(err, service)
  if (isUnreadable(err)) {
    const status = (err as AwsErrorShape).$metadata?.httpStatusCode
    return new ActionError(
      PROBLEMS.answerNotUsable,
      [
        `${(err as { answeredBy?: string }).answeredBy ?? service} answered${status ? ` HTTP ${status}` : ''}, but the answer could not be read: ${firstLine(err)}`
      ],
      [
        'Nothing was exported. AWS does not answer like this; something between the runner and AWS (a proxy, or an endpoint override such as AWS_ENDPOINT_URL_STS) probably did.'
      ],
      { cause: err }
    )
  }
  const { problem, lines } = diagnose(awsErrorCode(err), message) ?? {
    problem: PROBLEMS.unexpected,
    lines: []
  }
  const code = reportedCode(err) ?? 'Error'
  return new ActionError(problem, [`${code}: ${message}`], lines, { cause: err, code })
}

/** The SDK's word for an answer it could not parse: the answer came, but not as the API has it. */
function isUnreadable(err: unknown): boolean {
  return err instanceof Error && '$response' in err && /Deserialization error/.test(err.message)
}

// Quoted as JSON: the text came from outside and may hold anything, line breaks included.
const firstLine = (err: unknown) => {
  const text = (err as Error).message.split('\n')[0]
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)
}
