// Validators for single inputs. Each returns the parsed value or a problem that names the input,
// says what was wrong and what is accepted.
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string }

const ok = <T>(value: T): Checked<T> => ({ ok: true, value })
const bad = (input: string, got: string, accepted: string): Checked<never> => ({
  ok: false,
  problem: `Input ${input}: ${got}; ${accepted}.`
})
const shown = (value: string) =>
  JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value)

// Two or four letters first: eusc-de-east-1 (European Sovereign Cloud) has four.
const REGION = /^([a-z]{2}|eusc)(-[a-z]+)+-\d{1,2}$/
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

export function region(input: string, value: string): Checked<string> {
  if (REGION.test(value)) return ok(value)
  return bad(
    input,
    `${shown(value)} is not an AWS region code`,
    'use a code such as us-east-1 or eu-west-1'
  )
}

export function roleArn(input: string, value: string): Checked<string> {
  if (value.length <= 2048 && ROLE_ARN.test(value)) return ok(value)
  return bad(
    input,
    `${shown(value)} is not an IAM role ARN`,
    'give the full ARN, arn:aws:iam::123456789012:role/NAME (a path before NAME is allowed)'
  )
}

// The region prefixes of each partition but aws, as the SDK's partitions data has them.
const PARTITION_PREFIXES: readonly [string, string][] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc']
]

/** The partition of a region: the role must live in it, or STS there cannot assume it. */
export function partitionOf(regionCode: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => regionCode.startsWith(prefix))?.[1] ?? 'aws'
}

export function partitionOfArn(arn: string): string {
  return arn.split(':')[1]
}

export function audience(input: string, value: string): Checked<string> {
  if (value.length > 0 && value.length <= 255 && /^[\x21-\x7e]+$/.test(value)) return ok(value)
  return bad(
    input,
    `${shown(value)} is not a usable audience`,
    'use 1 to 255 printable characters without spaces, e.g. sts.amazonaws.com'
  )
}

export function sessionName(input: string, value: string): Checked<string> {
  if (SESSION_NAME.test(value)) return ok(value)
  return bad(
    input,
    `${shown(value)} is not a valid role session name`,
    'use 2 to 64 characters from letters, digits and _+=,.@-'
  )
}

/** A whole number in a range; `unit` names what it counts, as the message shows it. */
export function wholeNumber(
  input: string,
  value: string,
  min: number,
  max: number,
  unit = ''
): Checked<number> {
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isSafeInteger(n) && n >= min && n <= max) return ok(n)
  return bad(
    input,
    `${shown(value)} is out of range`,
    `give a whole number${unit} from ${min} to ${max}`
  )
}

/** A duration in whole seconds, in a range. */
export const seconds = (input: string, value: string, min: number, max: number) =>
  wholeNumber(input, value, min, max, ' of seconds')

// The YAML 1.2 core schema's booleans, as the runner's own getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

export function boolean(input: string, value: string): Checked<boolean> {
  if (TRUE.includes(value)) return ok(true)
  if (FALSE.includes(value)) return ok(false)
  return bad(input, `${shown(value)} is not a boolean`, 'use true or false')
}
