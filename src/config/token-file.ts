import { isAbsolute, resolve } from 'node:path'
import type { InputReader } from './reader.js'

/** web-identity-token-file, resolved against the workspace as the incumbent does. */
export function readTokenFile(inputs: InputReader, env: NodeJS.ProcessEnv): string | undefined {
  const file = inputs.get('web-identity-token-file')
  if (!file) return undefined
  return isAbsolute(file) ? file : resolve(env.GITHUB_WORKSPACE || process.cwd(), file)
}
