import { DEFAULTS } from './reader.js'
import type { InputReader } from './reader.js'
import * as rule from './rules.js'
import type { ProfileSettings } from './profiles.js'
import type { SessionPolicies } from './session-policies.js'
import { defaultSessionName } from './session-name.js'
import type { CommonConfig } from './types.js'

// The inputs every exchange reads, and the checks across them that readConfig makes last.

export function readCommon(
  inputs: InputReader,
  env: NodeJS.ProcessEnv,
  roleOptional: boolean
): Omit<
  CommonConfig,
  | 'outboundToken'
  | 'stsEndpoint'
  | 'actionTimeoutSeconds'
  | 'allowedAccountIds'
  | 'incomingTokenFile'
  | 'trustPolicyFile'
  | 'proxy'
  | keyof SessionPolicies
  | keyof ProfileSettings
> {
  const region = inputs.required(
    'aws-region',
    'the region whose STS endpoint issues the credentials, e.g. us-east-1',
    rule.region,
    ''
  )
  const roleArn =
    roleOptional && !inputs.get('role-to-assume')
      ? ''
      : inputs.required('role-to-assume', 'the ARN of the IAM role to assume', rule.roleArn, '')
  checkPartition(inputs, 'role-to-assume', region, roleArn)
  const sessionInput = inputs.get('role-session-name')
  const flag = (name: string) => inputs.check(rule.boolean(name, inputs.get(name)), false)
  const noRetry = flag('disable-retry')
  return {
    region,
    roleArn,
    audience: inputs.check(rule.audience('audience', inputs.get('audience')), ''),
    sessionName: sessionInput
      ? inputs.check(rule.sessionName('role-session-name', sessionInput), '')
      : defaultSessionName(env),
    durationSeconds: inputs.check(
      rule.seconds('role-duration-seconds', durationInput(inputs), 900, 43200),
      0
    ),
    maskAccountId: flag('mask-aws-account-id'),
    outputCredentials: flag('output-credentials'),
    // No declared default: it follows aws-profile, so empty must stay apart from true and false.
    outputEnvCredentials: inputs.get('output-env-credentials')
      ? flag('output-env-credentials')
      : !inputs.get('aws-profile'),
    unsetCurrentCredentials: flag('unset-current-credentials'),
    maxAttempts: noRetry
      ? 1
      : inputs.check(
          rule.wholeNumber('retry-max-attempts', inputs.get('retry-max-attempts'), 1, 20),
          1
        ),
    requestTimeoutMs:
      inputs.check(
        rule.seconds('request-timeout-seconds', inputs.get('request-timeout-seconds'), 1, 120),
        0
      ) * 1000
  }
}

/** 0 means the default, as configure-aws-credentials reads it (`parseInt(…) || 3600`). */
function durationInput(inputs: InputReader): string {
  const given = inputs.get('role-duration-seconds')
  return given === '0' ? DEFAULTS['role-duration-seconds'] : given
}

function checkPartition(inputs: InputReader, input: string, region: string, arn: string): void {
  if (!region || !arn || rule.partitionOf(region) === rule.partitionOfArn(arn)) return
  inputs.problems.push(
    `Input ${input}: the role ${input === 'role-to-assume' ? '' : `${arn} `}is in partition ${rule.partitionOfArn(arn)} but aws-region ${region} is in ${rule.partitionOf(region)}; ` +
      'use a region of the role’s partition.'
  )
}

/** role-profiles and self-refreshing exchange the job's own token, so only on the plain STS path. */
export function checkProfileUse(
  inputs: InputReader,
  common: CommonConfig,
  otherExchange: string | undefined
): void {
  for (const { roleArn } of common.roleProfiles)
    checkPartition(inputs, 'role-profiles', common.region, roleArn)
  if (otherExchange && common.roleProfiles.length)
    inputs.problems.push(`Input role-profiles: not used with ${otherExchange}.`)
  if (otherExchange && common.selfRefreshing)
    inputs.problems.push(
      `Input self-refreshing: exchanges a fresh GitHub token with AssumeRoleWithWebIdentity, so not with ${otherExchange}.`
    )
  if (common.incomingTokenFile && common.selfRefreshing)
    inputs.problems.push(
      'Input self-refreshing: asks GitHub for each fresh token, so not with web-identity-token-file.'
    )
  if (!common.roleArn && common.awsProfile)
    inputs.problems.push(
      'Input aws-profile: names the profile of role-to-assume’s credentials, and role-to-assume is empty; give role-to-assume, or put the profile in role-profiles with its role.'
    )
  if (!common.roleArn && common.outboundToken)
    inputs.problems.push(
      'Input web-identity-token-audience: needs role-to-assume, whose credentials request the token.'
    )
}
