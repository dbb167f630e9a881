/**
 * The title of every problem the action reports. A failure's message starts with its title, and
 * docs/TROUBLESHOOTING.md has a section headed by each (a test holds the two together).
 */
export const PROBLEMS = {
  invalidInput: 'Invalid input',
  noTokenPermission: 'No permission to request an OIDC token',
  tokenRequestRefused: 'GitHub refused the token request',
  tokenServiceFailing: 'GitHub token service unavailable',
  trustPolicyMismatch: 'Trust policy did not accept the token',
  audienceNotRegistered: 'Audience not registered on the OIDC provider',
  noOidcProvider: 'No OIDC provider for the issuer',
  tokenNotVerified: 'Token signature not verified',
  tokenExpired: 'Token expired',
  durationTooLong: 'Duration above the role maximum',
  parameterRejected: 'STS rejected a parameter',
  regionDisabled: 'STS not activated in the region',
  awsUnavailable: 'AWS unavailable',
  proxyRefused: 'Proxy refused the connection',
  exchangeRoleNotAllowed: 'Exchange role not allowed to create Identity Center tokens',
  userNotAssigned: 'Identity Center user not assigned to the application',
  assertionRejected: 'Identity Center rejected the GitHub token',
  applicationNotUsable: 'Identity Center application not set up for GitHub tokens',
  scopeNotEnabled: 'Scope sso:account:access not enabled',
  portalRefusedToken: 'Identity Center token refused for account access',
  noAccountAssignment: 'No assignment to the account and permission set',
  identityContextScopeMissing: 'Scope sts:identity_context not enabled',
  idTokenNotUsable: 'Identity Center id token not usable',
  targetRoleNotTrusting: 'Target role does not trust the exchange role',
  setContextNotAllowed: 'Target role does not allow sts:SetContext',
  contextAssertionRejected: 'Identity context rejected by STS',
  accountNotAllowed: 'Account not allowed',
  profileExists: 'AWS profile already exists',
  noCredentialsToChain: 'No credentials to chain from',
  chainingNotAllowed: 'Role chaining not allowed',
  outboundFederationOff: 'Outbound identity federation not enabled',
  outboundNotPermitted: 'Role may not request web identity tokens',
  outboundOutlivesSession: 'Web identity token would outlive the session',
  outboundTooLarge: 'Web identity token too large',
  stepTimedOut: 'Step did not finish within action-timeout-s',
  unexpected: 'Unexpected error',
  claimsNotDecoded: 'Token claims not readable',
  cleanupFailed: 'Post step could not clean up'
} as const

export type Problem = (typeof PROBLEMS)[keyof typeof PROBLEMS]
