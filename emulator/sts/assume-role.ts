import { assumedRoleId, issueCredentials } from '../iam/credentials.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { parseRoleArn } from '../iam/role-arn.js'
import type { RoleArn } from '../iam/role-arn.js'
import { roleDefinition, rolePermits } from '../iam/role-permissions.js'
import { evaluateTrust } from '../../src/trust-policy/evaluate.js'
import type { Scenario } from '../scenario.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { parseAssumeRoleRequest } from './assume-role-params.js'
import { accessDenied, validationError } from './error.js'

export interface AssumeRoleService {
  scenario(): Scenario
  issuedCredentials: IssuedCredentials[]
}

export interface AssumeRoleResult {
  credentials: IssuedCredentials
  assumedRoleId: string
}

export interface CallerIdentity {
  arn: string
  userId: string
  account: string
}

const ACTION = 'sts:AssumeRole'
// Every session the emulator issues is a role session, so every AssumeRole it serves chains.
const ROLE_CHAINING_MAX_SECONDS = 3600

// AssumeRole from a role session: the caller's role must be allowed sts:AssumeRole and the target's
// trust policy must name it as an AWS principal (with its conditions, e.g. sts:ExternalId).
export function assumeRole(
  params: URLSearchParams,
  caller: SignedCaller,
  service: AssumeRoleService,
  nowMs: number
): AssumeRoleResult {
  const request = parseAssumeRoleRequest(params)
  const { role, roleSessionName, durationSeconds } = request
  const scenario = service.scenario()
  const definition = roleDefinition(scenario, role.arn)
  const trusted =
    definition !== undefined &&
    evaluateTrust(definition.trustPolicy, {
      awsPrincipals: principalNames(caller),
      action: ACTION,
      context: conditionContext(caller, roleSessionName, request.externalId)
    }).accepted
  // A missing permission, an unknown role and an untrusting one look the same, as on AWS.
  if (!trusted || !rolePermits(scenario, caller.roleArn, ACTION)) {
    throw accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${ACTION} on resource: ${role.arn}`
    )
  }
  if (durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by ' +
        'role chaining.'
    )
  }
  if (durationSeconds > definition.maxSessionDuration) {
    throw validationError(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    )
  }
  const credentials = {
    ...issueCredentials(role, roleSessionName, durationSeconds, nowMs),
    sessionPolicy: request.policy,
    policyArns: request.policyArns
  }
  service.issuedCredentials.push(credentials)
  return { credentials, assumedRoleId: assumedRoleId(role, roleSessionName) }
}

export function callerIdentity(caller: SignedCaller): CallerIdentity {
  const role = parseRoleArn(caller.roleArn) as RoleArn
  const sessionName = caller.assumedRoleArn.slice(caller.assumedRoleArn.lastIndexOf('/') + 1)
  return {
    arn: caller.assumedRoleArn,
    userId: assumedRoleId(role, sessionName),
    account: role.accountId
  }
}

// How a trust policy may name the caller: its role, its session, or its whole account.
function principalNames(caller: SignedCaller): string[] {
  const role = parseRoleArn(caller.roleArn)
  if (!role) return [caller.roleArn, caller.assumedRoleArn]
  const root = `arn:${role.partition}:iam::${role.accountId}:root`
  return [caller.roleArn, caller.assumedRoleArn, root, role.accountId]
}

// Keyed lower-case, as trust evaluation expects.
function conditionContext(
  caller: SignedCaller,
  sessionName: string,
  externalId: string | undefined
): Record<string, string[]> {
  const account = parseRoleArn(caller.roleArn)?.accountId
  return {
    'aws:principalarn': [caller.roleArn],
    ...(account !== undefined && { 'aws:principalaccount': [account] }),
    'sts:rolesessionname': [sessionName],
    ...(externalId !== undefined && { 'sts:externalid': [externalId] })
  }
}
