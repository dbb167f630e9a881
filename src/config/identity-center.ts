import {
  readIdentityCenterMode,
  readIdentityEnhancedInputs,
  refuseOtherModeInputs
} from './identity-center-mode.js'
import type { IdentityEnhancedInputs } from './identity-center-mode.js'
import { checkIdentityEnhanced } from './identity-enhanced-rules.js'
import type { IdentityEnhancedCommon } from './identity-enhanced-rules.js'
import type { InputReader } from './reader.js'
import * as rule from './rules.js'

/** What both Identity Center modes need: the application and where it lives. */
export interface IdentityCenterApplicationInputs {
  readonly applicationArn: string
  /** The audience of the token Identity Center receives; never the one STS receives. */
  readonly identityCenterAudience: string
  readonly identityCenterRegion: string
}

/** Account access: the credentials of a permission set, from the access portal. */
export interface IdentityCenterInputs extends IdentityCenterApplicationInputs {
  readonly accountId: string
  /** The permission set's name, which is the role name GetRoleCredentials takes. */
  readonly roleName: string
}

export type IdentityEnhancedSelection = IdentityCenterApplicationInputs & IdentityEnhancedInputs

/** Which Identity Center exchange the inputs select, with its inputs. */
export type IdentityCenterSelection =
  | { readonly mode: 'account-access'; readonly inputs: IdentityCenterInputs }
  | { readonly mode: 'identity-enhanced'; readonly inputs: IdentityEnhancedSelection }

/** What the Identity Center inputs are checked against. */
export interface IdentityCenterCommon extends IdentityEnhancedCommon {
  readonly audience: string
}

const APPLICATION_ARN =
  /^arn:aws[a-z-]*:sso::\d{12}:application\/(sso)?ins-[a-zA-Z0-9-.]{16}\/apl-[a-zA-Z0-9]{16}$/

/**
 * The Identity Center inputs, once identity-center-application-arn has selected that exchange
 * (config/identity-center-selection.ts loads this module only then).
 */
export function readIdentityCenterInputs(
  inputs: InputReader,
  common: IdentityCenterCommon
): IdentityCenterSelection {
  const applicationArn = inputs.get('identity-center-application-arn')
  const mode = readIdentityCenterMode(inputs)
  const application = readApplicationInputs(inputs, applicationArn, common)
  refuseOtherModeInputs(inputs, mode)
  if (mode === 'identity-enhanced') {
    const selected = { ...application, ...readIdentityEnhancedInputs(inputs) }
    checkIdentityEnhanced(inputs, common, selected)
    return { mode, inputs: selected }
  }
  return {
    mode,
    inputs: {
      ...application,
      accountId: inputs.required(
        'identity-center-account-id',
        'the 12-digit id of the account to get credentials for',
        accountId,
        ''
      ),
      roleName: inputs.required(
        'identity-center-role-name',
        'the permission set’s name, e.g. DeployAccess',
        permissionSet,
        ''
      )
    }
  }
}

function readApplicationInputs(
  inputs: InputReader,
  applicationArn: string,
  common: { region: string; audience: string }
): IdentityCenterApplicationInputs {
  if (!APPLICATION_ARN.test(applicationArn)) {
    inputs.problems.push(
      `Input identity-center-application-arn: ${JSON.stringify(applicationArn)} is not an Identity Center application ARN; ` +
        'give arn:aws:sso::ACCOUNT:application/ssoins-XXXXXXXXXXXXXXXX/apl-XXXXXXXXXXXXXXXX.'
    )
  }
  const identityCenterAudience = inputs.required(
    'identity-center-audience',
    'the audience the application’s trusted token issuer grant accepts',
    rule.audience,
    ''
  )
  if (identityCenterAudience && identityCenterAudience === common.audience) {
    inputs.problems.push(
      `Input identity-center-audience: equals audience (${JSON.stringify(common.audience)}); ` +
        'give Identity Center its own audience, so that a token for one trust boundary is never accepted by the other.'
    )
  }
  const regionInput = inputs.get('identity-center-region')
  return {
    applicationArn,
    identityCenterAudience,
    identityCenterRegion: regionInput
      ? inputs.check(rule.region('identity-center-region', regionInput), '')
      : common.region
  }
}

function accountId(input: string, value: string): rule.Checked<string> {
  if (/^\d{12}$/.test(value)) return { ok: true, value }
  return {
    ok: false,
    problem: `Input ${input}: ${JSON.stringify(value)} is not an AWS account id; give its 12 digits.`
  }
}

function permissionSet(input: string, value: string): rule.Checked<string> {
  if (/^[\w+=,.@-]{1,32}$/.test(value)) return { ok: true, value }
  return {
    ok: false,
    problem: `Input ${input}: ${JSON.stringify(value)} is not a permission set name; use 1 to 32 characters from letters, digits and _+=,.@-.`
  }
}
