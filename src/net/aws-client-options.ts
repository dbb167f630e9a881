import { DeadlineHandler } from './deadline-handler.js'
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
 * one, so attempts never multiply; the request timeout is a deadline for the whole request (see
 * DeadlineHandler), and the SDK's own idle timeouts must be told to throw, or they only warn.
 */
export function awsClientOptions(settings: AwsClientSettings) {
  const timeoutMs = settings.requestTimeoutMs
  return {
    region: settings.region,
    customUserAgent: 'keyless-aws',
    maxAttempts: 1,
    requestHandler: new DeadlineHandler(
      {
        requestTimeout: timeoutMs,
        connectionTimeout: timeoutMs,
        throwOnRequestTimeout: true,
        ...(settings.proxy ? agentsFor(settings.proxy) : {})
      },
      timeoutMs
    )
  }
}

/**
 * The options of an STS client: those of every client, and the endpoint sts-endpoint names, which
 * the SDK takes over AWS_ENDPOINT_URL_STS and the region's own.
 */
export function stsClientOptions(settings: AwsClientSettings & { readonly stsEndpoint?: string }) {
  const options = awsClientOptions(settings)
  return settings.stsEndpoint ? { ...options, endpoint: settings.stsEndpoint } : options
}
