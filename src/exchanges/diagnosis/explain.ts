import { ActionError } from '../../errors/index.js'
import { awsErrorCode, explained } from '../../errors/aws-error.js'
import type { AwsErrorShape, Diagnosis } from '../../errors/aws-error.js'
import { awsUnavailable } from '../../errors/aws-unavailable.js'
import { PROBLEMS } from '../../errors/problems.js'
import { RetriesExhausted } from '../../retry.js'

/**
 * The one path from a failed call to what the user reads. An ActionError was explained by the
 * layer that threw it; retries that ran out mean the service was unavailable; anything else is
 * diagnosed from its code, as the service documents it, and its message; a code no diagnosis
 * knows is unexpected. `message` replaces the error's own when the service says more elsewhere
 * (SSO OIDC's error_description).
 */
export function explainAwsError(
  err: unknown,
  service: string,
  diagnose: (code: string, message: string) => Diagnosis | undefined,
  message = (err as AwsErrorShape | undefined)?.message ?? ''
): ActionError {
  if (err instanceof ActionError) return err
  if (err instanceof RetriesExhausted) return awsUnavailable(err, service)
  const diagnosis = diagnose(awsErrorCode(err), message) ?? {
    problem: PROBLEMS.unexpected,
    lines: []
  }
  return explained(err, diagnosis, message)
}
