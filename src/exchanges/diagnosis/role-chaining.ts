import type { RoleChainingConfig } from '../../config/index.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import { explainAwsError } from './explain.js'
import { stsRequestDiagnosis } from './sts-request.js'

type Settings = Pick<RoleChainingConfig, 'roleArn' | 'externalId' | 'region'> &
  Partial<Pick<RoleChainingConfig, 'sessionTags'>>

/** Turns a failed AssumeRole from the earlier step's credentials into what to change. */
export function explainRoleChainingError(err: unknown, config: Settings): ActionError {
  return explainAwsError(err, `STS in ${config.region}`, (code, message) =>
    diagnose(code, message, config)
  )
}

function diagnose(code: string, message: string, config: Settings): Diagnosis | undefined {
  if (code === 'AccessDenied' && /sts:TagSession/.test(message)) {
    return {
      problem: PROBLEMS.tagSessionNotAllowed,
      lines: [
        `role-chaining tags the session as configure-aws-credentials does, and ${config.roleArn} does not allow it. Either:`,
        '  - add "sts:TagSession" to the Action of the statement in its trust policy that lets the earlier role assume it; or',
        '  - set role-skip-session-tagging: true, if no policy reads these tags (aws:PrincipalTag).'
      ]
    }
  }
  if (code === 'PackedPolicyTooLarge' && config.sessionTags?.length) {
    return {
      problem: PROBLEMS.parameterRejected,
      lines: [
        'STS packs the session tags and the session policies into one limited space, and they did not fit, even without the run’s metadata tags (EventName, BaseRef, HeadRef, RunId, Job, TriggeringActor). Trim one of them:',
        '  - fewer or shorter custom-tags;',
        '  - Shorten inline-session-policy, or give fewer managed-session-policies;',
        '  - or role-skip-session-tagging: true, if no policy reads these tags.'
      ]
    }
  }
  if (code === 'AccessDenied') {
    return {
      problem: PROBLEMS.chainingNotAllowed,
      lines: [
        `The role whose credentials the earlier step exported may not assume ${config.roleArn}. Check that:`,
        '  - the target role trusts it: Principal {"AWS": "<that role\'s ARN>"}, Action "sts:AssumeRole"' +
          (config.externalId
            ? ', with a Condition {"StringEquals": {"sts:ExternalId": "<role-external-id>"}};'
            : ';'),
        `  - its permission policy allows sts:AssumeRole on ${config.roleArn};`,
        '  - role-external-id matches what the target requires, if it requires one.'
      ]
    }
  }
  if (/role chaining/i.test(message)) {
    return {
      problem: PROBLEMS.durationTooLong,
      lines: [
        'Role chaining limits the session to one hour: lower role-duration-seconds to 3600 or less.'
      ]
    }
  }
  if (code === 'ExpiredToken') {
    return {
      problem: PROBLEMS.noCredentialsToChain,
      lines: [
        'The credentials from the earlier step have expired; request them again in this job, closer to this step.'
      ]
    }
  }
  return stsRequestDiagnosis(code, message, config.region)
}
