import { StsError } from './error.js'

// The checks that STS's request validation applies, worded as AWS words them, so that each
// operation's parser only lists its members and their limits.

export interface LengthRule {
  member: string
  value: string | null
  min: number
  max: number
  // Sensitive members (the token) are never echoed back in messages.
  sensitive?: boolean
  required?: boolean
}

export function lengthViolations(rule: LengthRule): string[] {
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

export function patternViolations(
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

export function integerViolations(
  member: string,
  raw: string | null,
  min: number,
  max: number
): string[] {
  if (raw === null) return []
  const value = Number(raw)
  const prefix = `Value '${raw}' at '${member}' failed to satisfy constraint:`
  if (!/^-?\d+$/.test(raw)) return [`${prefix} Member must be an integer`]
  if (value < min) return [`${prefix} Member must have value greater than or equal to ${min}`]
  if (value > max) return [`${prefix} Member must have value less than or equal to ${max}`]
  return []
}

export function enumViolations(member: string, value: string | null, allowed: string[]): string[] {
  if (value === null || allowed.includes(value)) return []
  return [
    `Value '${value}' at '${member}' failed to satisfy constraint: ` +
      `Member must satisfy enum value set: [${allowed.join(', ')}]`
  ]
}

export function countViolations(member: string, values: string[], min: number, max: number) {
  const shown = `Value '[${values.join(', ')}]' at '${member}' failed to satisfy constraint:`
  if (values.length < min)
    return [`${shown} Member must have length greater than or equal to ${min}`]
  if (values.length > max) return [`${shown} Member must have length less than or equal to ${max}`]
  return []
}

// awsQuery flattens lists as Name.member.N (N from 1), and structures in them as
// Name.member.N.Field; an empty list is sent as the bare name with an empty value.
export function listOf(params: URLSearchParams, name: string, field?: string): string[] {
  const values: string[] = []
  const key = (n: number) => `${name}.member.${n}${field === undefined ? '' : `.${field}`}`
  for (let n = 1; params.has(key(n)); n++) values.push(params.get(key(n)) as string)
  return values
}

const MAX_POLICY_ARNS = 10

export function policyArnViolations(policyArns: string[]): string[] {
  const violations = policyArns.flatMap((arn, i) =>
    lengthViolations({ member: `policyArns.${i + 1}.member.arn`, value: arn, min: 20, max: 2048 })
  )
  if (policyArns.length > MAX_POLICY_ARNS) {
    violations.push(
      `Value '[${policyArns.join(', ')}]' at 'policyArns' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_POLICY_ARNS}`
    )
  }
  return violations
}

const POLICY_PATTERN = /^[\t\n\r\x20-\xFF]+$/

export function policyViolations(policy: string | null): string[] {
  return [
    ...lengthViolations({ member: 'policy', value: policy, min: 1, max: 2048 }),
    ...patternViolations(
      'policy',
      policy,
      POLICY_PATTERN,
      '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+'
    )
  ]
}

// A session policy must be a JSON object; anything else is malformed, not a validation error.
export function assertJsonPolicy(policy: string): void {
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
