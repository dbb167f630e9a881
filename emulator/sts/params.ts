import { parseRoleArn } from '../iam/role-arn.js'
import type { RoleArn } from '../iam/role-arn.js'
import {
  assertJsonPolicy,
  integerViolations,
  lengthViolations,
  listOf,
  patternViolations,
  policyArnViolations,
  policyViolations
} from './constraints.js'
import { constraintViolations, validationError } from './error.js'

// Limits from the STS model (botocore sts/2011-06-15/service-2.json) and the API reference.
export const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/
const DEFAULT_DURATION_SECONDS = 3600

/** What every AssumeRole* operation takes, beyond its own members. */
export interface RoleRequest {
  role: RoleArn
  roleSessionName: string
  durationSeconds: number
  policy: string | undefined
  policyArns: string[]
}

export interface WebIdentityRequest extends RoleRequest {
  webIdentityToken: string
}

/**
 * Checks the members every AssumeRole* operation shares together with the operation's own
 * (`ownViolations`), so one error counts them all, as STS does.
 */
export function parseRoleRequest(params: URLSearchParams, ownViolations: string[]): RoleRequest {
  const roleArn = params.get('RoleArn')
  const roleSessionName = params.get('RoleSessionName')
  const duration = params.get('DurationSeconds')
  const policy = params.get('Policy')
  const policyArns = listOf(params, 'PolicyArns', 'arn')

  const violations = [
    ...roleViolations(roleArn, roleSessionName),
    ...ownViolations,
    ...integerViolations('durationSeconds', duration, 900, 43200),
    ...policyViolations(policy),
    ...policyArnViolations(policyArns)
  ]
  if (violations.length > 0) throw constraintViolations(violations)

  const role = parseRoleArn(roleArn as string)
  if (!role) throw validationError('Request ARN is invalid')
  if (policy !== null) assertJsonPolicy(policy)
  return {
    role,
    roleSessionName: roleSessionName as string,
    durationSeconds: duration === null ? DEFAULT_DURATION_SECONDS : Number(duration),
    policy: policy ?? undefined,
    policyArns
  }
}

export function parseWebIdentityRequest(params: URLSearchParams): WebIdentityRequest {
  const token = params.get('WebIdentityToken')
  const tokenViolations = lengthViolations({
    member: 'webIdentityToken',
    value: token,
    min: 4,
    max: 20000,
    sensitive: true,
    required: true
  })
  return { ...parseRoleRequest(params, tokenViolations), webIdentityToken: token as string }
}

// The members every AssumeRole* operation shares.
function roleViolations(roleArn: string | null, roleSessionName: string | null): string[] {
  return [
    ...lengthViolations({ member: 'roleArn', value: roleArn, min: 20, max: 2048, required: true }),
    ...lengthViolations({
      member: 'roleSessionName',
      value: roleSessionName,
      min: 2,
      max: 64,
      required: true
    }),
    ...patternViolations('roleSessionName', roleSessionName, SESSION_NAME_PATTERN, '[\\w+=,.@-]*')
  ]
}
