import { ActionError } from '../../errors/index.js'
import { awsErrorCode, reportedCode } from '../../errors/aws-error.js'
import type { AwsErrorShape } from '../../errors/aws-error.js'
import { awsUnavailable } from '../../errors/aws-unavailable.js'
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
  if (err instanceof RetriesExhausted) return awsUnavailable(err, service)
  const { problem, lines } = diagnose(awsErrorCode(err), message) ?? {
    problem: PROBLEMS.unexpected,
    lines: []
  }
  const code = reportedCode(err) ?? 'Error'
  return new ActionError(problem, [`${code}: ${message}`], lines, { cause: err, code })
}
