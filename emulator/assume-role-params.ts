import {
  assertJsonPolicy,
  integerViolations,
  lengthViolations,
  listOf,
  patternViolations,
  policyArnViolations,
  policyViolations
} from './sts-constraints.js'
import { constraintViolations, validationError } from './sts-error.js'
import { parseRoleArn, roleViolations } from './sts-params.js'
import type { RoleArn } from './sts-params.js'

const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/
const DEFAULT_DURATION_SECONDS = 3600

export interface AssumeRoleRequest {
  role: RoleArn
  roleSessionName: string
  durationSeconds: number
  externalId: string | undefined
  policy: string | undefined
  policyArns: string[]
}

// The members role chaining uses; session tags, MFA, source identity and provided contexts are
// not emulated.
export function parseAssumeRoleRequest(params: URLSearchParams): AssumeRoleRequest {
  const roleArn = params.get('RoleArn')
  const roleSessionName = params.get('RoleSessionName')
  const duration = params.get('DurationSeconds')
  const externalId = params.get('ExternalId')
  const policy = params.get('Policy')
  const policyArns = listOf(params, 'PolicyArns', 'arn')

  const violations = [
    ...roleViolations(roleArn, roleSessionName),
    ...policyArnViolations(policyArns),
    ...policyViolations(policy),
    ...integerViolations('durationSeconds', duration, 900, 43200),
    ...lengthViolations({ member: 'externalId', value: externalId, min: 2, max: 1224 }),
    ...patternViolations('externalId', externalId, EXTERNAL_ID_PATTERN, '[\\w+=,.@:\\/-]*')
  ]
  if (violations.length > 0) throw constraintViolations(violations)

  const role = parseRoleArn(roleArn as string)
  if (!role) throw validationError('Request ARN is invalid')
  if (policy !== null) assertJsonPolicy(policy)
  return {
    role,
    roleSessionName: roleSessionName as string,
    durationSeconds: duration === null ? DEFAULT_DURATION_SECONDS : Number(duration),
    externalId: externalId ?? undefined,
    policy: policy ?? undefined,
    policyArns
  }
}
