import type { RoleChainingConfig } from '../../config/index.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import { explainAwsError } from './explain.js'
import { stsRequestDiagnosis } from './sts-request.js'

type Settings = Pick<RoleChainingConfig, 'roleArn' | 'externalId' | 'region'>

/** Turns a failed AssumeRole from the earlier step's credentials into what to change. */
export function explainRoleChainingError(err: unknown, config: Settings): ActionError {
  return explainAwsError(err, `STS in ${config.region}`, (code, message) =>
    diagnose(code, message, config)
  )
}

function diagnose(code: string, message: string, config: Settings): Diagnosis | undefined {
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
