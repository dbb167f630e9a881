import { rolePermits } from '../iam/role-permissions.js'
import type { Scenario } from '../scenario.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { accessDenied } from './errors.js'
import type { IdentityCenterApplication } from './scenario.js'

export const CREATE_TOKEN_WITH_IAM = 'sso-oauth:CreateTokenWithIAM'

// Both must allow the call: the caller's role (its `permissions`) and the application's actor
// policy (its `allowedPrincipals`). The wording is IAM's, which names the missing policy kind.
export function assertActorAllowed(
  caller: SignedCaller,
  applicationArn: string,
  application: IdentityCenterApplication,
  scenario: Scenario
): void {
  const denied = (kind: string) =>
    accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${CREATE_TOKEN_WITH_IAM} ` +
        `on resource: ${applicationArn} because no ${kind} policy allows the ` +
        `${CREATE_TOKEN_WITH_IAM} action`
    )
  if (!rolePermits(scenario, caller.roleArn, CREATE_TOKEN_WITH_IAM)) throw denied('identity-based')
  const principals = application.actorPolicy.allowedPrincipals
  if (!principals.some((p) => p === caller.roleArn || p === caller.assumedRoleArn)) {
    throw denied('resource-based')
  }
}
