import { InputError } from '../errors/index.js'
import { selectIdentityCenter } from './identity-center-selection.js'
import { InputReader } from './reader.js'
import { selectOutboundToken } from './outbound-token-selection.js'
import { readAllowedAccounts } from './allowed-accounts.js'
import { refuseStaticKeys } from './static-keys.js'
import { refuseIncumbentOnlyInputs } from './incumbent-only.js'
import { readIncomingTokenFile } from './incoming-token-file.js'
import { readTrustPolicyFile } from './trust-policy-file.js'
import { readRoleChainingInputs } from './role-chaining.js'
import { readProfileSettings } from './profiles.js'
import { readProxy } from './proxy.js'
import { readSessionPolicies } from './session-policies.js'
import { cleanupCredentials } from './cleanup-inputs.js'
import { readStsEndpoint } from './sts-endpoint.js'
import { readActionTimeout } from './action-timeout.js'
import { checkProfileUse, readCommon } from './common.js'
import type { Config } from './types.js'

export { DEFAULTS } from './reader.js'
export type {
  AssumeRoleSettings,
  CommonConfig,
  Config,
  IdentityCenterConfig,
  IdentityEnhancedConfig,
  RoleChainingConfig,
  StsConfig
} from './types.js'

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
