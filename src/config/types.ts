import type { ProxyRoute } from '../net/proxy-route.js'
import type { IdentityCenterInputs, IdentityEnhancedSelection } from './identity-center.js'
import type { OutboundTokenConfig } from './outbound-token.js'
import type { ProfileSettings } from './profiles.js'
import type { RoleChainingInputs } from './role-chaining.js'
import type { SessionPolicies } from './session-policies.js'

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
