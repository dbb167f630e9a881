import type { IdentityEnhancedConfig } from '../../config/index.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import { explainAwsError } from './explain.js'
import { stsRequestDiagnosis } from './sts-request.js'

export const IDENTITY_CENTER_PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter'

type Settings = Pick<IdentityEnhancedConfig, 'roleArn' | 'targetRoleArn' | 'region'>

/** Explains a failed AssumeRole of the target role with the identity context. */
export function explainTargetRoleError(err: unknown, config: Settings): ActionError {
  return explainAwsError(err, `STS in ${config.region}`, (code, message) =>
    diagnose(code, message, config)
  )
}

function diagnose(code: string, message: string, config: Settings): Diagnosis | undefined {
  const exchange = config.roleArn
  const target = config.targetRoleArn
  if (code === 'AccessDenied') {
    // STS names the action it refused: the context, or the role itself.
    if (message.includes('sts:SetContext')) return setContextHelp(exchange, target)
    return {
      problem: PROBLEMS.targetRoleNotTrusting,
      lines: [
        `The exchange role ${exchange} (role-to-assume) may not assume ${target} (identity-enhanced-role). Check that:`,
        `  - the trust policy of ${target} allows it: Principal {"AWS": "${exchange}"}, Action "sts:AssumeRole";`,
        `  - the exchange role's permission policy allows sts:AssumeRole on ${target};`,
        '  - the role name and account are right: STS answers the same for a role that does not exist.'
      ]
    }
  }
  if (code === 'InvalidContextAssertion') {
    return {
      problem: PROBLEMS.contextAssertionRejected,
      lines: [
        'STS did not accept the identity context Identity Center issued moments before: STS found it malformed, expired, or not from a context provider it trusts.',
        'The step passes it on unchanged, from the same answer, within seconds; an expired one points at a long stall between the two requests. Re-run the step.',
        'STS seals the assertion, so the step cannot look inside it; if this persists, the AssumeRole call in CloudTrail shows what STS saw.'
      ]
    }
  }
  if (/DurationSeconds exceeds/i.test(message)) {
    return {
      problem: PROBLEMS.durationTooLong,
      lines: [
        `Input role-duration-seconds is longer than ${target} allows: lower it to the role's MaxSessionDuration, and at most 3600 (role chaining).`
      ]
    }
  }
  return stsRequestDiagnosis(code, message, config.region)
}

/** A missing sts:SetContext and an unmet sts:RequestContextProviders get the same answer from STS. */
function setContextHelp(exchange: string, target: string): Diagnosis {
  const statement = {
    Effect: 'Allow',
    Principal: { AWS: exchange },
    Action: 'sts:SetContext',
    Condition: {
      'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': IDENTITY_CENTER_PROVIDER },
      Null: { 'sts:RequestContextProviders': 'false' }
    }
  }
  return {
    problem: PROBLEMS.setContextNotAllowed,
    lines: [
      `The trust policy of ${target} lets ${exchange} assume it, but not set the identity context. Either it has no statement that allows sts:SetContext for the exchange role,`,
      `or that statement's sts:RequestContextProviders condition does not accept ${IDENTITY_CENTER_PROVIDER}, the provider this step sends. STS answers both the same way. Add, or correct, this statement:`,
      `  ${JSON.stringify(statement)}`
    ]
  }
}
