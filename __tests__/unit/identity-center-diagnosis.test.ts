import {
  AccessDeniedException,
  InvalidClientException,
  InvalidGrantException,
  InvalidScopeException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException
} from '@aws-sdk/client-sso-oidc'
import {
  InvalidRequestException,
  ResourceNotFoundException,
  UnauthorizedException
} from '@aws-sdk/client-sso'
import { describe, expect, it } from 'vitest'
import type { IdentityCenterConfig } from '../../src/config/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import type { Problem } from '../../src/errors/problems.js'
import { explainIdentityCenterError } from '../../src/exchanges/diagnosis/identity-center.js'
import { RetriesExhausted } from '../../src/retry.js'
import { restJsonError } from './aws-sdk-errors.js'

const APP = 'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222'
const EXCHANGE_ROLE = 'arn:aws:iam::111122223333:role/identity-center-exchange'
const config = {
  applicationArn: APP,
  roleArn: EXCHANGE_ROLE,
  identityCenterAudience: 'identity-center.example',
  identityCenterRegion: 'eu-central-1',
  accountId: '444455556666',
  roleName: 'Deployer'
} as IdentityCenterConfig
const assertion = {
  jwt: 'x.y.z',
  claims: {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
  }
}
// SSO OIDC says what went wrong in error_description; the SDK's message is then "UnknownError".
const oidcError = (exception: Parameters<typeof restJsonError>[0], description: string) =>
  restJsonError(exception, 'UnknownError', { error: 'x', error_description: description })

describe('explainIdentityCenterError: each failure gets its title and what to change in Identity Center', () => {
  it.each<[string, unknown, Problem, string]>([
    [
      'AccessDenied by the exchange role’s own policy',
      oidcError(AccessDeniedException, 'not authorized by an identity-based policy'),
      PROBLEMS.exchangeRoleNotAllowed,
      `"Action": "sso-oauth:CreateTokenWithIAM", "Resource": "${APP}"`
    ],
    [
      'AccessDenied by the application’s policy',
      oidcError(AccessDeniedException, 'no resource-based policy allows it'),
      PROBLEMS.exchangeRoleNotAllowed,
      `"Principal":{"AWS":"${EXCHANGE_ROLE}"}`
    ],
    [
      'a bare AccessDenied',
      oidcError(AccessDeniedException, 'Access denied'),
      PROBLEMS.userNotAssigned,
      `create-application-assignment --application-arn ${APP}`
    ],
    [
      'InvalidGrant',
      oidcError(InvalidGrantException, 'Invalid grant'),
      PROBLEMS.assertionRejected,
      'sub = repo:octo-org/octo-repo:ref:refs/heads/main'
    ],
    [
      'InvalidClient',
      oidcError(InvalidClientException, 'Invalid client'),
      PROBLEMS.applicationNotUsable,
      `put-application-grant --application-arn ${APP}`
    ],
    [
      'UnsupportedGrantType',
      oidcError(UnsupportedGrantTypeException, 'grant type'),
      PROBLEMS.applicationNotUsable,
      '"AuthorizedAudiences":["identity-center.example"]'
    ],
    [
      'UnauthorizedClient',
      oidcError(UnauthorizedClientException, 'client'),
      PROBLEMS.applicationNotUsable,
      'customer-managed application'
    ],
    [
      'InvalidScope',
      oidcError(InvalidScopeException, 'scope'),
      PROBLEMS.scopeNotEnabled,
      '--scope sso:account:access'
    ],
    [
      'Unauthorized at the portal',
      restJsonError(UnauthorizedException, 'Session token not found or invalid'),
      PROBLEMS.portalRefusedToken,
      'only an organization instance of Identity Center offers'
    ],
    [
      'ResourceNotFound at the portal',
      restJsonError(ResourceNotFoundException, 'No access'),
      PROBLEMS.noAccountAssignment,
      'no assignment of permission set "Deployer" in account 444455556666'
    ],
    [
      'Forbidden at the portal',
      Object.assign(new Error('No access'), { name: 'ForbiddenException' }),
      PROBLEMS.noAccountAssignment,
      '--target-id 444455556666'
    ],
    [
      'InvalidRequest at the portal',
      restJsonError(InvalidRequestException, 'bad account'),
      PROBLEMS.parameterRejected,
      'identity-center-account-id and identity-center-role-name'
    ],
    [
      'retries that ran out',
      new RetriesExhausted(restJsonError(UnauthorizedException, 'x'), 8, 30_000),
      PROBLEMS.awsUnavailable,
      'IAM Identity Center in eu-central-1 kept failing'
    ]
  ])('%s', (_name, err, problem, advice) => {
    const explained = explainIdentityCenterError(err, config, assertion)
    expect(explained.problem).toBe(problem)
    expect(explained.explanation.join('\n')).toContain(advice)
  })

  it('shows the service’s description, not the SDK’s "UnknownError"', () => {
    const err = oidcError(InvalidGrantException, 'The assertion is not a valid JWT')
    expect(explainIdentityCenterError(err, config, assertion).layers).toEqual([
      'InvalidGrantException: The assertion is not a valid JWT'
    ])
  })

  it('a code no diagnosis knows: unexpected, with nothing to advise', () => {
    const err = Object.assign(new Error(''), { name: 'SomethingNewException' })
    const explained = explainIdentityCenterError(err, config, undefined)
    expect(explained.problem).toBe(PROBLEMS.unexpected)
    expect(explained.layers).toEqual(['SomethingNewException: (no description)'])
    expect(explained.explanation).toEqual([])
  })
})
