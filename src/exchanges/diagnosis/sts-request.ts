import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'

/**
 * What STS answers about a request's parameters or its region, the same whichever operation
 * (AssumeRoleWithWebIdentity, AssumeRole, GetWebIdentityToken) sent it.
 */
export function stsRequestDiagnosis(
  code: string,
  message: string,
  region: string
): Diagnosis | undefined {
  switch (code) {
    case 'ValidationError':
      return validation(message)
    case 'MalformedPolicyDocument':
      return {
        problem: PROBLEMS.parameterRejected,
        lines: [
          'inline-session-policy must follow the IAM policy grammar; managed-session-policies must exist.'
        ]
      }
    case 'PackedPolicyTooLarge':
      return {
        problem: PROBLEMS.parameterRejected,
        lines: ['Shorten inline-session-policy, or give fewer managed-session-policies.']
      }
    case 'RegionDisabled':
      return {
        problem: PROBLEMS.regionDisabled,
        lines: [
          `STS is not activated in ${region} for this account: activate it in IAM → Account settings, or choose another aws-region.`
        ]
      }
  }
  // Any other code has no diagnosis: explainAwsError reports it as unexpected.
}

function validation(message: string): Diagnosis {
  if (/DurationSeconds exceeds/i.test(message)) {
    return {
      problem: PROBLEMS.durationTooLong,
      lines: [
        'Input role-duration-seconds is longer than the role’s maximum session duration: lower it, or raise MaxSessionDuration on the role.'
      ]
    }
  }
  if (/roleSessionName/i.test(message)) {
    return {
      problem: PROBLEMS.parameterRejected,
      lines: ['Check input role-session-name: 2 to 64 characters from letters, digits and _+=,.@-.']
    }
  }
  return {
    problem: PROBLEMS.parameterRejected,
    lines: ['STS refused a parameter: check the inputs named in the message.']
  }
}
