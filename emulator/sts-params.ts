import { StsError, constraintViolations, validationError } from './sts-error.js'

// Limits from the STS model (botocore sts/2011-06-15/service-2.json) and the API reference.
const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/
const POLICY_PATTERN = /^[\t\n\r\x20-\xFF]+$/
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/
const MAX_POLICY_ARNS = 10
const DEFAULT_DURATION_SECONDS = 3600

export interface RoleArn {
  arn: string
  partition: string
  accountId: string
  roleName: string
}

export interface WebIdentityRequest {
  role: RoleArn
  roleSessionName: string
  webIdentityToken: string
  durationSeconds: number
  policy: string | undefined
  policyArns: string[]
}

interface LengthRule {
  member: string
  value: string | null
  min: number
  max: number
  // Sensitive members (the token) are never echoed back in messages.
  sensitive?: boolean
  required?: boolean
}

export function parseWebIdentityRequest(params: URLSearchParams): WebIdentityRequest {
  const roleArn = params.get('RoleArn')
  const roleSessionName = params.get('RoleSessionName')
  const token = params.get('WebIdentityToken')
  const duration = params.get('DurationSeconds')
  const policy = params.get('Policy')
  const policyArns = policyArnsOf(params)

  const violations = [
    ...lengthViolations({ member: 'roleArn', value: roleArn, min: 20, max: 2048, required: true }),
    ...lengthViolations({
      member: 'roleSessionName',
      value: roleSessionName,
      min: 2,
      max: 64,
      required: true
    }),
    ...patternViolations('roleSessionName', roleSessionName, SESSION_NAME_PATTERN, '[\\w+=,.@-]*'),
    ...lengthViolations({
      member: 'webIdentityToken',
      value: token,
      min: 4,
      max: 20000,
      sensitive: true,
      required: true
    }),
    ...durationViolations(duration),
    ...lengthViolations({ member: 'policy', value: policy, min: 1, max: 2048 }),
    ...patternViolations(
      'policy',
      policy,
      POLICY_PATTERN,
      '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+'
    ),
    ...policyArns.flatMap((arn, i) =>
      lengthViolations({ member: `policyArns.${i + 1}.member.arn`, value: arn, min: 20, max: 2048 })
    )
  ]
  if (policyArns.length > MAX_POLICY_ARNS) {
    violations.push(
      `Value '[${policyArns.join(', ')}]' at 'policyArns' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_POLICY_ARNS}`
    )
  }
  if (violations.length > 0) throw constraintViolations(violations)

  const role = parseRoleArn(roleArn as string)
  if (!role) throw validationError('Request ARN is invalid')
  if (policy !== null) assertJson(policy)
  return {
    role,
    roleSessionName: roleSessionName as string,
    webIdentityToken: token as string,
    durationSeconds: duration === null ? DEFAULT_DURATION_SECONDS : Number(duration),
    policy: policy ?? undefined,
    policyArns
  }
}

export function parseRoleArn(arn: string): RoleArn | undefined {
  const m = ROLE_ARN.exec(arn)
  if (!m) return undefined
  return { arn, partition: m[1], accountId: m[2], roleName: m[3] }
}

// awsQuery flattens lists as PolicyArns.member.N.arn, N counting from 1.
function policyArnsOf(params: URLSearchParams): string[] {
  const arns: string[] = []
  for (let n = 1; params.has(`PolicyArns.member.${n}.arn`); n++) {
    arns.push(params.get(`PolicyArns.member.${n}.arn`) as string)
  }
  return arns
}

function lengthViolations(rule: LengthRule): string[] {
  const { member, value, min, max } = rule
  if (value === null) {
    return rule.required
      ? [`Value null at '${member}' failed to satisfy constraint: Member must not be null`]
      : []
  }
  const subject = rule.sensitive ? `Value at '${member}'` : `Value '${value}' at '${member}'`
  if (value.length < min) {
    return [
      `${subject} failed to satisfy constraint: Member must have length greater than or equal to ${min}`
    ]
  }
  if (value.length > max) {
    return [
      `${subject} failed to satisfy constraint: Member must have length less than or equal to ${max}`
    ]
  }
  return []
}

function patternViolations(
  member: string,
  value: string | null,
  pattern: RegExp,
  shown: string
): string[] {
  if (value === null || pattern.test(value)) return []
  return [
    `Value '${value}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy regular expression pattern: ${shown}`
  ]
}

function durationViolations(raw: string | null): string[] {
  if (raw === null) return []
  const value = Number(raw)
  const prefix = `Value '${raw}' at 'durationSeconds' failed to satisfy constraint:`
  if (!/^-?\d+$/.test(raw)) return [`${prefix} Member must be an integer`]
  if (value < 900) return [`${prefix} Member must have value greater than or equal to 900`]
  if (value > 43200) return [`${prefix} Member must have value less than or equal to 43200`]
  return []
}

// A session policy must be a JSON object; anything else is malformed, not a validation error.
function assertJson(policy: string): void {
  let document: unknown
  try {
    document = JSON.parse(policy)
  } catch {
    document = undefined
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new StsError('MalformedPolicyDocument', 400, 'Syntax errors in policy.')
  }
}
