import type { Checked } from './rules.js'
import { boolean } from './rules.js'
import { withInputVariables } from './input-variables.js'

/** The inputs' defaults; action.yml declares the same ones (a test keeps the two in step). */
export const DEFAULTS: Readonly<Record<string, string>> = {
  audience: 'sts.amazonaws.com',
  'role-duration-seconds': '3600',
  'translate-env-variables': 'true',
  'mask-aws-account-id': 'false',
  'output-credentials': 'false',
  'unset-current-credentials': 'false',
  'retry-max-attempts': '8',
  'disable-retry': 'false',
  'request-timeout-seconds': '10',
  'web-identity-token-duration-seconds': '300',
  'web-identity-token-signing-algorithm': 'RS256',
  'web-identity-token-to-file': 'false',
  'role-chaining': 'false',
  'role-skip-session-tagging': 'false',
  'identity-center-mode': 'account-access',
  'self-refreshing': 'false',
  'overwrite-aws-profile': 'false',
  'cleanup-credentials': 'true'
}

/** An input as the runner passes it: INPUT_ + the name upper-cased, hyphens kept; trimmed. */
export function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/**
 * Reads inputs as the runner passes them, or from the job variables that stand for them (unless
 * translate-env-variables is false), and collects every problem rather than stop at one.
 */
export class InputReader {
  readonly problems: string[] = []
  /** The environment the inputs are read from, job variables translated. */
  readonly env: NodeJS.ProcessEnv

  constructor(env: NodeJS.ProcessEnv) {
    const name = 'translate-env-variables'
    const translate = this.check(boolean(name, readInput(env, name) || DEFAULTS[name]), true)
    this.env = translate ? withInputVariables(env) : env
  }

  /** The input as given, or its default when empty. */
  get(name: string): string {
    return readInput(this.env, name) || DEFAULTS[name] || ''
  }

  check<T>(result: Checked<T>, fallback: T): T {
    if (result.ok) return result.value
    this.problems.push(result.problem)
    return fallback
  }

  required<T>(
    name: string,
    what: string,
    validate: (n: string, v: string) => Checked<T>,
    fallback: T
  ): T {
    const value = this.get(name)
    if (value !== '') return this.check(validate(name, value), fallback)
    this.problems.push(`Input ${name} is required: ${what}.`)
    return fallback
  }
}
