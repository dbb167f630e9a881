import type { IdentityEnhancedSelection } from './identity-center.js'
import type { InputReader } from './reader.js'
import { CHAINED_SESSION_MAX_SECONDS } from './role-chaining.js'
import * as rule from './rules.js'

/** What the rules read of the other inputs. */
export interface IdentityEnhancedCommon {
  readonly region: string
  readonly durationSeconds: number
  readonly allowedAccountIds: readonly string[]
  readonly outboundToken: unknown
}

/**
 * The cross-input rules of identity-enhanced mode, all known before any request: the final
 * AssumeRole is signed by the exchange role's session, so it is role chaining (one hour at most),
 * and identity-enhanced-role's ARN names the account the credentials will be for.
 */
export function checkIdentityEnhanced(
  inputs: InputReader,
  common: IdentityEnhancedCommon,
  selected: IdentityEnhancedSelection
): void {
  if (common.outboundToken) {
    inputs.problems.push(
      'Input web-identity-token-audience: not in identity-enhanced mode, where AWSIAMIdentityCenterAllowListForIdentityContext, which STS attaches to the session, denies sts:GetWebIdentityToken; request the token in a step on the STS path.'
    )
  }
  const target = selected.targetRoleArn
  if (!target) return
  if (common.region && rule.partitionOf(common.region) !== rule.partitionOfArn(target)) {
    inputs.problems.push(
      `Input identity-enhanced-role: the role is in partition ${rule.partitionOfArn(target)} but aws-region ${common.region} is in ${rule.partitionOf(common.region)}; use a region of the role’s partition.`
    )
  }
  if (common.durationSeconds > CHAINED_SESSION_MAX_SECONDS) {
    inputs.problems.push(
      `Input role-duration-seconds: ${common.durationSeconds} is longer than AWS allows for the identity-enhanced session, which the exchange role assumes by role chaining; give at most ${CHAINED_SESSION_MAX_SECONDS}.`
    )
  }
  const account = target.split(':')[4]
  const allowed = common.allowedAccountIds
  if (allowed.length && !allowed.includes(account)) {
    inputs.problems.push(
      `Input identity-enhanced-role: its account ${account} is not in allowed-account-ids (${allowed.join(', ')}); give a role in an allowed account, or add the account there.`
    )
  }
}
