import { isAbsolute, resolve } from 'node:path'
import type { InputReader } from './reader.js'

/**
 * trust-policy-file, resolved against the workspace as web-identity-token-file is. Its content is
 * read and checked by run/trust-preflight.ts, which loads only when the input is set: the STS
 * path without it carries none of the evaluator.
 */
export function readTrustPolicyFile(
  inputs: InputReader,
  env: NodeJS.ProcessEnv
): string | undefined {
  const file = inputs.get('trust-policy-file')
  if (!file) return undefined
  return isAbsolute(file) ? file : resolve(env.GITHUB_WORKSPACE || process.cwd(), file)
}
