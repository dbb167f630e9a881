import type { IdentityCenterSelection } from './identity-center.js'
import type { IdentityCenterCommon } from './identity-center.js'
import type { InputReader } from './reader.js'

/** The Identity Center inputs besides the application ARN, which selects the exchange. */
const IDENTITY_CENTER_INPUTS = [
  'identity-center-audience',
  'identity-center-region',
  'identity-center-account-id',
  'identity-center-role-name',
  'identity-enhanced-role'
]
const DEFAULT_MODE = 'account-access'

/**
 * Without identity-center-application-arn, any other Identity Center input is a mistake, and
 * nothing more is read; with it, the Identity Center reader loads and checks them all. The STS
 * path never loads that reader.
 */
export async function selectIdentityCenter(
  inputs: InputReader,
  common: IdentityCenterCommon
): Promise<IdentityCenterSelection | undefined> {
  if (inputs.get('identity-center-application-arn')) {
    return (await import('./identity-center.js')).readIdentityCenterInputs(inputs, common)
  }
  const stray = [
    ...IDENTITY_CENTER_INPUTS.filter((name) => inputs.get(name)),
    // Its default says nothing; another value shows that Identity Center was meant.
    ...(inputs.get('identity-center-mode') !== DEFAULT_MODE ? ['identity-center-mode'] : [])
  ]
  if (stray.length) {
    inputs.problems.push(
      `Input ${stray.join(', ')}: only used with identity-center-application-arn, which is not set; set it, or remove these.`
    )
  }
  return undefined
}
