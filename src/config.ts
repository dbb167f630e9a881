import { InputError } from './errors.js'
import * as rule from './input-rules.js'
import type { Checked } from './input-rules.js'
import { defaultSessionName } from './session-name.js'

/** The inputs' defaults; action.yml declares the same ones (a test keeps the two in step). */
export const DEFAULTS = {
  audience: 'sts.amazonaws.com',
  'role-duration-seconds': '3600',
  'mask-aws-account-id': 'false',
  'output-credentials': 'false',
  'unset-current-credentials': 'false',
  'retry-max-attempts': '6',
  'disable-retry': 'false',
  'request-timeout-seconds': '10'
} as const

export interface StsConfig {
  readonly exchange: 'sts'
  readonly region: string
  readonly roleArn: string
  readonly audience: string
  readonly sessionName: string
  readonly durationSeconds: number
  readonly maskAccountId: boolean
  readonly outputCredentials: boolean
  readonly unsetCurrentCredentials: boolean
  /** Attempts in all for a request that fails with a transient error; 1 when retries are off. */
  readonly maxAttempts: number
  readonly requestTimeoutMs: number
}

export type Config = StsConfig

type InputName = keyof typeof DEFAULTS | 'aws-region' | 'role-to-assume' | 'role-session-name'

/** Reads and validates every input once; reports all problems together. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const input = (name: InputName): string =>
    readInput(env, name) || (DEFAULTS as Record<string, string>)[name] || ''
  const check = <T>(result: Checked<T>, fallback: T): T => {
    if (result.ok) return result.value
    problems.push(result.problem)
    return fallback
  }
  const required = <T>(
    name: InputName,
    what: string,
    validate: (n: string, v: string) => Checked<T>,
    fallback: T
  ): T => {
    const value = input(name)
    if (value === '') {
      problems.push(`Input ${name} is required: ${what}.`)
      return fallback
    }
    return check(validate(name, value), fallback)
  }

  const region = required(
    'aws-region',
    'the region whose STS endpoint issues the credentials, e.g. us-east-1',
    rule.region,
    ''
  )
  const roleArn = required('role-to-assume', 'the ARN of the IAM role to assume', rule.roleArn, '')
  if (region && roleArn && rule.partitionOf(region) !== rule.partitionOfArn(roleArn)) {
    problems.push(
      `Input role-to-assume: the role is in partition ${rule.partitionOfArn(roleArn)} but aws-region ${region} is in ${rule.partitionOf(region)}; ` +
        'use a region of the role’s partition.'
    )
  }
  const sessionInput = input('role-session-name')
  const config: Config = {
    exchange: 'sts',
    region,
    roleArn,
    audience: check(rule.audience('audience', input('audience')), ''),
    sessionName: sessionInput
      ? check(rule.sessionName('role-session-name', sessionInput), '')
      : defaultSessionName(env),
    durationSeconds: check(
      rule.wholeNumber('role-duration-seconds', input('role-duration-seconds'), 900, 43200),
      0
    ),
    maskAccountId: check(rule.boolean('mask-aws-account-id', input('mask-aws-account-id')), false),
    outputCredentials: check(
      rule.boolean('output-credentials', input('output-credentials')),
      false
    ),
    unsetCurrentCredentials: check(
      rule.boolean('unset-current-credentials', input('unset-current-credentials')),
      false
    ),
    maxAttempts: check(rule.boolean('disable-retry', input('disable-retry')), false)
      ? 1
      : check(rule.count('retry-max-attempts', input('retry-max-attempts'), 1, 20), 1),
    requestTimeoutMs:
      check(
        rule.wholeNumber('request-timeout-seconds', input('request-timeout-seconds'), 1, 120),
        0
      ) * 1000
  }
  if (problems.length > 0) throw new InputError(problems)
  return Object.freeze(config)
}

/** An input as the runner passes it: INPUT_ + the name upper-cased, hyphens kept; trimmed. */
function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}
