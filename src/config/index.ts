import { InputError } from '../errors/index.js'
import * as rule from './rules.js'
import { selectIdentityCenter } from './identity-center-selection.js'
import { DEFAULTS, InputReader } from './reader.js'
import { selectOutboundToken } from './outbound-token-selection.js'
import { readAllowedAccounts } from './allowed-accounts.js'
import { refuseStaticKeys } from './static-keys.js'
import { refuseIncumbentOnlyInputs } from './incumbent-only.js'
import { readIncomingTokenFile } from './incoming-token-file.js'
import { readTrustPolicyFile } from './trust-policy-file.js'
import { readRoleChainingInputs } from './role-chaining.js'
import type { RoleChainingInputs } from './role-chaining.js'
import { readProfileSettings } from './profiles.js'
import type { ProfileSettings } from './profiles.js'
import { readProxy } from './proxy.js'
import type { ProxyRoute } from '../net/proxy-route.js'
import { readSessionPolicies } from './session-policies.js'
import type { SessionPolicies } from './session-policies.js'
import type { OutboundTokenConfig } from './outbound-token.js'
import type { IdentityCenterInputs, IdentityEnhancedSelection } from './identity-center.js'
import { defaultSessionName } from './session-name.js'
import { cleanupCredentials } from './cleanup-inputs.js'
import { readStsEndpoint } from './sts-endpoint.js'
import { readActionTimeout } from './action-timeout.js'

export { DEFAULTS } from './reader.js'

export interface CommonConfig extends SessionPolicies, ProfileSettings {
  readonly region: string
  /**
   * The role assumed with the job's token; in Identity Center mode, the exchange role. Empty when
   * role-profiles names every role.
   */
  readonly roleArn: string
  readonly audience: string
  readonly sessionName: string
  readonly durationSeconds: number
  readonly maskAccountId: boolean
  readonly outputCredentials: boolean
  /**
   * output-env-credentials: export the credential and region variables. Default true, and false
   * with aws-profile, as configure-aws-credentials does; false leaves the job's environment as it
   * was, the credentials going only where other inputs send them (output-credentials, aws-profile).
   */
  readonly outputEnvCredentials: boolean
  readonly unsetCurrentCredentials: boolean
  /** Attempts in all for a request that fails with a transient error; 1 when retries are off. */
  readonly maxAttempts: number
  readonly requestTimeoutMs: number
  /** The proxy every request goes through; undefined: direct. */
  readonly proxy: ProxyRoute | undefined
  /**
   * web-identity-token-file: an absolute path to read the job's token from, instead of asking
   * GitHub for one.
   */
  readonly incomingTokenFile: string | undefined
  /** A trust policy (JSON) to decide the job's token against before any request to STS. */
  readonly trustPolicyFile: string | undefined
  /** The accounts the credentials may belong to, checked before anything is exported; empty: any. */
  readonly allowedAccountIds: readonly string[]
  /** A token STS signs for a third party after the exchange, when web-identity-token-audience asks. */
  readonly outboundToken: OutboundTokenConfig | undefined
  /** sts-endpoint: the URL every STS request goes to instead of the region's endpoint. */
  readonly stsEndpoint?: string
  /** action-timeout-s: the step fails when it has not finished after this many seconds; 0: never. */
  readonly actionTimeoutSeconds: number
}

export interface StsConfig extends CommonConfig {
  readonly exchange: 'sts'
}

export interface IdentityCenterConfig extends CommonConfig, IdentityCenterInputs {
  readonly exchange: 'identity-center'
}

/**
 * Identity Center's identity-enhanced mode: role-to-assume names the exchange role, which assumes
 * targetRoleArn with the mapped user's identity context.
 */
export interface IdentityEnhancedConfig extends CommonConfig, IdentityEnhancedSelection {
  readonly exchange: 'identity-enhanced'
}

export interface RoleChainingConfig extends CommonConfig, RoleChainingInputs {
  readonly exchange: 'role-chaining'
}

export type Config = StsConfig | IdentityCenterConfig | IdentityEnhancedConfig | RoleChainingConfig

/** What assuming a role with a web identity needs to know. */
export type AssumeRoleSettings = Pick<
  CommonConfig,
  | 'region'
  | 'roleArn'
  | 'sessionName'
  | 'durationSeconds'
  | 'requestTimeoutMs'
  | 'proxy'
  | 'policy'
  | 'policyArns'
  | 'stsEndpoint'
>

/**
 * Reads and validates every input once; reports all problems together. Asynchronous only because
 * the Identity Center and outbound-token readers load when their inputs are used.
 */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const inputs = new InputReader(env)
  refuseStaticKeys(inputs)
  refuseIncumbentOnlyInputs(inputs)
  // Post reads it; checked here so that a bad value stops main before anything is set.
  inputs.check(cleanupCredentials(inputs.env), true)
  const profiles = readProfileSettings(inputs)
  const common = {
    ...readCommon(inputs, env, profiles.roleProfiles.length > 0),
    ...profiles,
    allowedAccountIds: readAllowedAccounts(inputs),
    proxy: readProxy(inputs, env),
    incomingTokenFile: readIncomingTokenFile(inputs, env),
    trustPolicyFile: readTrustPolicyFile(inputs, env),
    ...readSessionPolicies(inputs),
    outboundToken: await selectOutboundToken(inputs),
    stsEndpoint: readStsEndpoint(inputs),
    actionTimeoutSeconds: readActionTimeout(inputs)
  }
  const selected = await selectIdentityCenter(inputs, common)
  const identityCenter = selected?.mode === 'account-access' ? selected.inputs : undefined
  const identityEnhanced = selected?.mode === 'identity-enhanced' ? selected.inputs : undefined
  const chaining = await readRoleChainingInputs(inputs, common, env)
  if (common.incomingTokenFile && (selected || chaining)) {
    inputs.problems.push(
      `Input web-identity-token-file: used only on the plain STS path, not with ${selected ? 'identity-center-application-arn' : 'role-chaining'}.`
    )
  }
  if (common.trustPolicyFile && (chaining || !common.roleArn)) {
    inputs.problems.push(
      `Input trust-policy-file: ${chaining ? 'decides the OIDC token, which role-chaining does not use; drop one' : 'is the trust policy of role-to-assume, which is empty; give role-to-assume'}.`
    )
  }
  if (selected && chaining) {
    inputs.problems.push(
      'Input role-chaining: not used with identity-center-application-arn; choose one of the two.'
    )
  }
  if (identityCenter && (common.policy || common.policyArns.length)) {
    inputs.problems.push(
      'Inputs inline-session-policy and managed-session-policies: not used on the Identity Center path, where the permission set decides what the credentials may do.'
    )
  }
  // The account is an input here, so a mismatch is known before any request.
  const allowed = common.allowedAccountIds
  if (identityCenter?.accountId && allowed.length && !allowed.includes(identityCenter.accountId)) {
    inputs.problems.push(
      `Input identity-center-account-id: ${identityCenter.accountId} is not in allowed-account-ids (${allowed.join(', ')}); give an allowed account, or add it there.`
    )
  }
  checkProfileUse(
    inputs,
    common,
    selected ? 'identity-center-application-arn' : chaining ? 'role-chaining' : undefined
  )
  if (inputs.problems.length > 0) throw new InputError(inputs.problems)
  if (identityCenter)
    return Object.freeze({ exchange: 'identity-center', ...common, ...identityCenter })
  if (identityEnhanced)
    return Object.freeze({ exchange: 'identity-enhanced', ...common, ...identityEnhanced })
  if (chaining) return Object.freeze({ exchange: 'role-chaining', ...common, ...chaining })
  return Object.freeze({ exchange: 'sts', ...common })
}

function readCommon(
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
function checkProfileUse(
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
