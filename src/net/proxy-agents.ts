import type * as http from 'node:http'
import type * as https from 'node:https'
import type { ProxyRoute } from './proxy-route.js'

export interface Agents {
  readonly httpAgent: http.Agent
  readonly httpsAgent: https.Agent
}

/** New agents each time: an AWS client destroys its agents with itself. */
export function agentsFor(route: ProxyRoute): Agents {
  const options: http.AgentOptions = { proxyEnv: { ...route } }
  // Loaded when a proxy is in use, not with every step: node:https loads TLS and node:crypto.
  const { Agent: HttpAgent } = process.getBuiltinModule('node:http')
  const { Agent: HttpsAgent } = process.getBuiltinModule('node:https')
  return { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) }
}
