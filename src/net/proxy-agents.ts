import * as http from 'node:http'
import * as https from 'node:https'
import type { ProxyRoute } from './proxy-route.js'

export interface Agents {
  readonly httpAgent: http.Agent
  readonly httpsAgent: https.Agent
}

/** New agents each time: an AWS client destroys its agents with itself. */
export function agentsFor(route: ProxyRoute): Agents {
  const options: http.AgentOptions = { proxyEnv: { ...route } }
  return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) }
}
