import type { InputReader } from './reader.js'
import * as rule from './rules.js'

// A job on a GitHub-hosted runner ends after 6 hours; a longer limit for one step means nothing.
const LONGEST = 21600

/**
 * action-timeout-s, as configure-aws-credentials reads it: a limit on the whole step, in seconds,
 * after which it fails whatever it is waiting for; 0 or empty for none. Unlike the incumbent,
 * which reads it with parseInt, a value that is not a whole number is refused, not ignored.
 */
export function readActionTimeout(inputs: InputReader): number {
  const given = inputs.get('action-timeout-s')
  if (!given) return 0
  return inputs.check(rule.seconds('action-timeout-s', given, 0, LONGEST), 0)
}
