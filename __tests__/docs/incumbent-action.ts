// The inputs and outputs of aws-actions/configure-aws-credentials v6.3.0, in the order the
// migration guide lists them: the 32 inputs of its action.yml at commit bcd4089 (after v6.2.3),
// plus translate-env-variables, which v6.3.0 added (its PR #1961). authenticated-arn is not
// declared among its outputs but is set beside aws-account-id (exportAccountId in its
// src/helpers.ts), and its README lists it with them; so it is kept here.
export const INCUMBENT_INPUTS = [
  'aws-region',
  'role-to-assume',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'web-identity-token-file',
  'role-chaining',
  'audience',
  'http-proxy',
  'no-proxy',
  'mask-aws-account-id',
  'role-duration-seconds',
  'role-external-id',
  'role-session-name',
  'role-skip-session-tagging',
  'transitive-tag-keys',
  'custom-tags',
  'inline-session-policy',
  'managed-session-policies',
  'output-credentials',
  'output-env-credentials',
  'unset-current-credentials',
  'disable-retry',
  'retry-max-attempts',
  'special-characters-workaround',
  'use-existing-credentials',
  'allowed-account-ids',
  'force-skip-oidc',
  'action-timeout-s',
  'aws-profile',
  'overwrite-aws-profile',
  'sts-endpoint',
  'translate-env-variables'
] as const

export const INCUMBENT_OUTPUTS = [
  'aws-account-id',
  'authenticated-arn',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'aws-expiration'
] as const
