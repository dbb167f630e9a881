import type { RoleDefinition, Scenario } from '../scenario.js'
import { parseRoleArn } from './role-arn.js'
import { wildcardMatch } from '../../src/trust-policy/wildcard.js'

// The scenario's definition of a role, by ARN; undefined for an unknown account or role.
export function roleDefinition(scenario: Scenario, roleArn: string): RoleDefinition | undefined {
  const role = parseRoleArn(roleArn)
  if (!role) return undefined
  const accounts = scenario.aws.accounts
  const roles = Object.hasOwn(accounts, role.accountId) ? accounts[role.accountId].roles : {}
  return Object.hasOwn(roles, role.roleName) ? roles[role.roleName] : undefined
}

// Whether the role's identity-based policies (its `permissions`) allow the action.
export function rolePermits(scenario: Scenario, roleArn: string, action: string): boolean {
  const permissions = roleDefinition(scenario, roleArn)?.permissions ?? []
  return permissions.some((p) => wildcardMatch(p, action, true))
}
