import type { IdentityCenterConfig } from '../../config/index.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import type { IdToken } from '../../token/github.js'
import { explainAwsError } from './explain.js'

interface ServiceError {
  message?: string
  error?: string
  error_description?: string
}

/** What the diagnoses read; only account-access mode has an account and a permission set. */
type Settings = Pick<
  IdentityCenterConfig,
  'applicationArn' | 'identityCenterAudience' | 'identityCenterRegion' | 'roleArn'
> &
  Partial<Pick<IdentityCenterConfig, 'accountId' | 'roleName'>>

/** SSO OIDC errors carry `error` and `error_description`; the SDK's message is then "UnknownError". */
const detail = (e: ServiceError) =>
  e.error_description || (e.message !== 'UnknownError' ? e.message : '') || e.error || ''

/** Explains a failed CreateTokenWithIAM or GetRoleCredentials with what to change in Identity Center. */
export function explainIdentityCenterError(
  err: unknown,
  config: Settings,
  assertion: IdToken | undefined
): ActionError {
  const text = detail((err ?? {}) as ServiceError)
  return explainAwsError(
    err,
    `IAM Identity Center in ${config.identityCenterRegion}`,
    (code) => diagnose(code, text, config, assertion),
    text || '(no description)'
  )
}

function diagnose(
  code: string,
  text: string,
  config: Settings,
  assertion: IdToken | undefined
): Diagnosis | undefined {
  const app = config.applicationArn
  switch (code) {
    case 'AccessDenied':
      if (/identity-based policy/.test(text)) {
        return {
          problem: PROBLEMS.exchangeRoleNotAllowed,
          lines: [
            `The exchange role ${config.roleArn} has no permission to call CreateTokenWithIAM on the application. Attach to it:`,
            `  {"Effect": "Allow", "Action": "sso-oauth:CreateTokenWithIAM", "Resource": "${app}"}`
          ]
        }
      }
      if (/resource-based policy/.test(text)) {
        return {
          problem: PROBLEMS.exchangeRoleNotAllowed,
          lines: [
            `The application's policy (its IAM authentication method) does not name the exchange role ${config.roleArn}.`,
            `  aws sso-admin put-application-authentication-method --application-arn ${app} --authentication-method-type IAM \\`,
            `    --authentication-method '{"Iam":{"ActorPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${config.roleArn}"},"Action":"sso-oauth:CreateTokenWithIAM","Resource":"*"}]}}}'`
          ]
        }
      }
      return {
        problem: PROBLEMS.userNotAssigned,
        lines: [
          'Identity Center answered a bare AccessDenied: the user this token maps to is not assigned to the application',
          '(a customer-managed application requires assignments by default). Assign the user, or a group it is in:',
          `  aws sso-admin create-application-assignment --application-arn ${app} --principal-type USER --principal-id USER_ID`
        ]
      }
    case 'InvalidGrant':
      return {
        problem: PROBLEMS.assertionRejected,
        lines: [
          `The application did not accept the token GitHub issued for audience "${config.identityCenterAudience}" (input identity-center-audience).`,
          `Its jwt-bearer grant must list, for the trusted token issuer of ${String(assertion?.claims.iss ?? 'the GitHub issuer')}, that audience in AuthorizedAudiences;`,
          'and the claim the trusted token issuer maps (e.g. repository_id, repository or sub) must match exactly one Identity Center user. This token carried:',
          ...['sub', 'repository', 'repository_id', 'repository_owner_id'].map(
            (c) => `  ${c} = ${String(assertion?.claims[c] ?? '(absent)')}`
          )
        ]
      }
    case 'InvalidClient':
    case 'UnsupportedGrantType':
    case 'UnauthorizedClient':
      return {
        problem: PROBLEMS.applicationNotUsable,
        lines: [
          `Check that ${app} is a customer-managed application of this Identity Center instance and has the jwt-bearer grant:`,
          `  aws sso-admin put-application-grant --application-arn ${app} --grant-type urn:ietf:params:oauth:grant-type:jwt-bearer --grant '{"JwtBearer":{"AuthorizedTokenIssuers":[{"TrustedTokenIssuerArn":"TTI_ARN","AuthorizedAudiences":["${config.identityCenterAudience}"]}]}}'`
        ]
      }
    case 'InvalidScope':
      return { problem: PROBLEMS.scopeNotEnabled, lines: scopeHelp(app) }
    case 'Unauthorized':
      return {
        problem: PROBLEMS.portalRefusedToken,
        lines: [
          'The Identity Center access token is not accepted by the access portal: the application needs the sso:account:access scope,',
          'which only an organization instance of Identity Center offers.',
          ...scopeHelp(app)
        ]
      }
    case 'Forbidden':
    case 'ResourceNotFound':
      return {
        problem: PROBLEMS.noAccountAssignment,
        lines: [
          `The user this token maps to has no assignment of permission set "${config.roleName}" in account ${config.accountId}`,
          '(inputs identity-center-role-name and identity-center-account-id). Assign it:',
          `  aws sso-admin create-account-assignment --instance-arn INSTANCE_ARN --target-type AWS_ACCOUNT --target-id ${config.accountId} \\`,
          '    --permission-set-arn PERMISSION_SET_ARN --principal-type USER --principal-id USER_ID'
        ]
      }
    case 'InvalidRequest':
      return {
        problem: PROBLEMS.parameterRejected,
        lines: ['Check inputs identity-center-account-id and identity-center-role-name.']
      }
  }
  // Any other code has no diagnosis: explainAwsError reports it as unexpected.
}

const scopeHelp = (app: string) => [
  'Enable the scope on the application (management or delegated administrator account):',
  `  aws sso-admin put-application-access-scope --application-arn ${app} --scope sso:account:access`
]
