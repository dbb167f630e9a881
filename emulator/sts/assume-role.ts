import { assumedRoleId, issueCredentials } from '../iam/credentials.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { parseRoleArn } from '../iam/role-arn.js'
import type { RoleArn } from '../iam/role-arn.js'
import { roleDefinition, rolePermits } from '../iam/role-permissions.js'
import { evaluateTrust } from '../../src/trust-policy/evaluate.js'
import type { PolicyDocument } from '../../src/trust-policy/document.js'
import type { IdentityCenterToken } from '../identity-center/tokens.js'
import type { Scenario } from '../scenario.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { parseAssumeRoleRequest } from './assume-role-params.js'
import { accessDenied, validationError } from './error.js'
import { resolveIdentityContext } from './identity-context.js'
import { assertTagsUsable } from './session-tags.js'

export interface AssumeRoleService {
  scenario(): Scenario
  issuedCredentials: IssuedCredentials[]
  // The CreateTokenWithIAM answers, whose context assertions ProvidedContexts may carry.
  identityCenterTokens: readonly IdentityCenterToken[]
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
const SET_CONTEXT = 'sts:SetContext'
const TAG_SESSION = 'sts:TagSession'
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
  const { role, roleSessionName, durationSeconds, providedContexts, sessionTags } = request
  assertTagsUsable(sessionTags)
  const scenario = service.scenario()
  // The assertion is read first: the request's context keys come from it.
  const identityContext = providedContexts.length
    ? resolveIdentityContext(providedContexts, service.identityCenterTokens, nowMs)
    : undefined
  const definition = roleDefinition(scenario, role.arn)
  const context = conditionContext(caller, request)
  const trusts = (policy: PolicyDocument, action: string) =>
    evaluateTrust(policy, { awsPrincipals: principalNames(caller), action, context }).accepted
  const denied = (action: string) =>
    accessDenied(
      `User: ${caller.assumedRoleArn} is not authorized to perform: ${action} on resource: ${role.arn}`
    )
  // A missing permission, an unknown role and an untrusting one look the same, as on AWS.
  if (!definition || !trusts(definition.trustPolicy, ACTION)) throw denied(ACTION)
  if (!rolePermits(scenario, caller.roleArn, ACTION)) throw denied(ACTION)
  // Setting a context needs sts:SetContext in the target's trust, with its conditions (e.g.
  // sts:RequestContextProviders). The refusal is worded as AWS words a missing
  // sts:SetSourceIdentity (noqdev/iambic#357 quotes one), naming this action instead: inferred,
  // not seen. Only the trust policy is consulted: the setups AWS documents for identity-enhanced
  // sessions grant sts:SetContext there alone.
  if (identityContext && !trusts(definition.trustPolicy, SET_CONTEXT)) throw denied(SET_CONTEXT)
  // Passing session tags needs sts:TagSession in the target's trust, as on AWS.
  if (sessionTags.tags.length > 0 && !trusts(definition.trustPolicy, TAG_SESSION))
    throw denied(TAG_SESSION)
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
    policyArns: request.policyArns,
    chainedFrom: caller.accessKeyId,
    ...(sessionTags.tags.length > 0 && {
      sessionTags: Object.fromEntries(sessionTags.tags.map(({ key, value }) => [key, value])),
      transitiveTagKeys: sessionTags.transitiveTagKeys
    }),
    ...(identityContext && { identityContext })
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
  request: {
    roleSessionName: string
    externalId?: string
    providedContexts: { providerArn: string }[]
  }
): Record<string, string[]> {
  const account = parseRoleArn(caller.roleArn)?.accountId
  const providers = request.providedContexts.map((c) => c.providerArn)
  return {
    'aws:principalarn': [caller.roleArn],
    ...(account !== undefined && { 'aws:principalaccount': [account] }),
    'sts:rolesessionname': [request.roleSessionName],
    ...(request.externalId !== undefined && { 'sts:externalid': [request.externalId] }),
    ...(providers.length > 0 && { 'sts:requestcontextproviders': providers })
  }
}
