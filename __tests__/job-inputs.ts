// The inputs of the test job's commonest steps, against the emulator's default scenario: shared
// by the unit table of refusals and the end-to-end runs, so both start from the same step.
export const ACCOUNT = '111122223333'
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`

/** The inputs of the commonest job: the deploy role on the STS path. */
export const STS_INPUTS = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') }

/** Inputs of the Identity Center path. */
export const IDENTITY_CENTER = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('identity-center-exchange'),
  'identity-center-application-arn':
    'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222',
  'identity-center-audience': 'identity-center.octo-org.example',
  'identity-center-account-id': '444455556666',
  'identity-center-role-name': 'DeployAccess'
}

/** Inputs of Identity Center's identity-enhanced mode: analytics-reader with the user's context. */
export const IDENTITY_ENHANCED = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('identity-center-exchange'),
  'identity-center-application-arn': IDENTITY_CENTER['identity-center-application-arn'],
  'identity-center-audience': IDENTITY_CENTER['identity-center-audience'],
  'identity-center-mode': 'identity-enhanced',
  'identity-enhanced-role': roleArn('analytics-reader')
}

/** Role chaining: a first step's inputs, and the chained step's, as the chaining tests share them. */
export const CHAIN_FROM = { 'aws-region': 'eu-west-1', 'role-to-assume': roleArn('deploy') }
export const CHAINED = {
  'aws-region': 'eu-west-1',
  'role-to-assume': roleArn('chained-target'),
  'role-chaining': 'true',
  'role-external-id': 'octo-external-id'
}
