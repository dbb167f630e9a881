import type { InputReader } from './reader.js'
import * as rule from './rules.js'

export type IdentityCenterMode = 'account-access' | 'identity-enhanced'

/** Identity-enhanced mode: the role assumed with the Identity Center user's identity context. */
export interface IdentityEnhancedInputs {
  readonly targetRoleArn: string
}

const MODES: readonly IdentityCenterMode[] = ['account-access', 'identity-enhanced']
/** The inputs of one mode, refused in the other. */
const MODE_INPUTS: Record<IdentityCenterMode, readonly string[]> = {
  'account-access': ['identity-center-account-id', 'identity-center-role-name'],
  'identity-enhanced': ['identity-enhanced-role']
}

export function readIdentityCenterMode(inputs: InputReader): IdentityCenterMode {
  const mode = inputs.get('identity-center-mode')
  if ((MODES as readonly string[]).includes(mode)) return mode as IdentityCenterMode
  inputs.problems.push(
    `Input identity-center-mode: ${JSON.stringify(mode)} is not a mode; use account-access (credentials of a permission set) or identity-enhanced (a role session that carries the user's identity context).`
  )
  return 'account-access'
}

/** Refuses the inputs that belong to the mode not chosen, naming the mode they belong to. */
export function refuseOtherModeInputs(inputs: InputReader, mode: IdentityCenterMode): void {
  const other = mode === 'account-access' ? 'identity-enhanced' : 'account-access'
  const stray = MODE_INPUTS[other].filter((name) => inputs.get(name))
  if (stray.length === 0) return
  inputs.problems.push(
    `Input ${stray.join(', ')}: only used with identity-center-mode: ${other}, and the mode is ${mode}; ` +
      (mode === 'identity-enhanced'
        ? 'remove it: identity-enhanced-role names the role, and its ARN the account.'
        : 'remove it, or set identity-center-mode: identity-enhanced.')
  )
}

export function readIdentityEnhancedInputs(inputs: InputReader): IdentityEnhancedInputs {
  return {
    targetRoleArn: inputs.required(
      'identity-enhanced-role',
      'the ARN of the role to assume with the user’s identity context, whose trust policy allows sts:AssumeRole and sts:SetContext for role-to-assume',
      rule.roleArn,
      ''
    )
  }
}
