import { agentsFor } from './proxy-agents.js'
import type { ProxyRoute } from './proxy-route.js'

/** What an AWS SDK client's options depend on. */
export interface AwsClientSettings {
  readonly region: string
  readonly requestTimeoutMs: number
  /** The proxy every request goes through; undefined: direct. */
  readonly proxy: ProxyRoute | undefined
}

/**
 * What every AWS SDK client of the action is built with. The action's retry layer is the only
 * one, so attempts never multiply; and the request handler must be told to throw on its timeout,
 * or it only prints a warning and keeps waiting.
 */
export function awsClientOptions(settings: AwsClientSettings) {
  const timeoutMs = settings.requestTimeoutMs
  return {
    region: settings.region,
    customUserAgent: 'keyless-aws',
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: timeoutMs,
      connectionTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      ...(settings.proxy ? agentsFor(settings.proxy) : {})
    }
  }
}
