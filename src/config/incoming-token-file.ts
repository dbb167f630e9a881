import { isAbsolute, resolve } from 'node:path'
import type { InputReader } from './reader.js'

/**
 * web-identity-token-file: the file the job's own token comes from, instead of GitHub (incoming,
 * unlike the web-identity-token-* inputs, which ask STS for an outbound token). Resolved against
 * the workspace as the incumbent does.
 */
export function readIncomingTokenFile(
  inputs: InputReader,
  env: NodeJS.ProcessEnv
): string | undefined {
  const file = inputs.get('web-identity-token-file')
  if (!file) return undefined
  return isAbsolute(file) ? file : resolve(env.GITHUB_WORKSPACE || process.cwd(), file)
}
