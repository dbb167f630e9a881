import type { ProxyInputs } from '../net/proxy-route.js'
import { readInput } from './reader.js'

/**
 * The proxy inputs, read apart from the rest of the config because post needs them too (the
 * runner hands it main's inputs) and must not load what the rest of the config loads.
 */
export function readProxyInputs(env: NodeJS.ProcessEnv): ProxyInputs {
  return { httpProxy: readInput(env, 'http-proxy'), noProxy: readInput(env, 'no-proxy') }
}
