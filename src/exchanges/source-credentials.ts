import * as core from '@actions/core'
import { globalAgent } from 'node:http'
import type { AwsCredentialIdentity } from '@smithy/types'
import type { RoleChainingConfig } from '../config/index.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { awsClientOptions } from '../net/aws-client-options.js'
import { RequestTimeout } from '../net/request-timeout.js'
import { escapeData } from '../errors/escape-data.js'

/**
 * The sources the SDK's default chain reads, in its order, each with what makes it apply: the
 * failure lists them all, since any one of them would have done.
 */
const SOURCES = [
  'environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), as an earlier keyless-aws step exports them',
  'a profile: AWS_PROFILE naming a profile in AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config and ~/.aws/credentials), such as one an earlier step wrote with aws-profile',
  'web identity (EKS pods): AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN',
  'container credentials (ECS, CodeBuild): AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN, or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'instance metadata (a self-hosted runner on EC2): IMDS at 169.254.169.254, or AWS_EC2_METADATA_SERVICE_ENDPOINT; AWS_EC2_METADATA_DISABLED=true turns it off'
]

/** The SDK's names for where credentials came from (its credential feature ids), for the log. */
const FOUND_IN: Readonly<Record<string, string>> = {
  CREDENTIALS_ENV_VARS: 'the environment',
  CREDENTIALS_PROFILE: 'a profile',
  CREDENTIALS_STS_WEB_ID_TOKEN: 'a web identity token file',
  CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN: 'a web identity token file',
  CREDENTIALS_HTTP: 'the container credentials endpoint',
  CREDENTIALS_IMDS: 'instance metadata (IMDS)'
}

/**
 * The longest run of requests one source makes: IMDS asks for a session token, the role's name
 * and its credentials. Each is bounded by request-timeout-seconds, and so is the whole chain, by
 * this many times that.
 */
const CHAIN_REQUESTS = 3

type Settings = Pick<RoleChainingConfig, 'region' | 'requestTimeoutMs' | 'proxy'>

/**
 * The credentials role chaining signs with, from the AWS SDK's own default chain, as
 * configure-aws-credentials finds them. Loaded only here, so the STS path never carries the chain.
 * Its secrets are masked at once: unlike an earlier keyless-aws step's, a profile's or a host's
 * credentials were never masked in this job.
 */
export async function sourceCredentials(settings: Settings): Promise<AwsCredentialIdentity> {
  const { defaultProvider } = await import('./default-chain.js')
  const reasons: string[] = []
  const timeoutMs = settings.requestTimeoutMs
  const provider = defaultProvider({
    // IMDS and the container endpoint: the SDK's own clients, each request bounded.
    timeout: timeoutMs,
    maxRetries: 0,
    // The STS and SSO clients a profile or a web identity token file needs.
    clientConfig: awsClientOptions(settings),
    logger: chainLogger(reasons)
  })
  let credentials: AwsCredentialIdentity
  try {
    credentials = await withDeadline(provider(), timeoutMs * CHAIN_REQUESTS)
  } catch (err) {
    // The SDK's IMDS client has no deadline of its own, only an idle timeout, and sends through
    // Node's global agent; a request still open there (an endpoint that drips its answer) would
    // hold the step open after it has failed.
    if (err instanceof RequestTimeout) globalAgent.destroy()
    throw notFound(err, reasons)
  }
  for (const secret of [credentials.secretAccessKey, credentials.sessionToken])
    if (secret) core.setSecret(secret)
  core.info(`role-chaining: signing with credentials from ${escapeData(foundIn(credentials))}`)
  return credentials
}

/** The chain logs each source's reason for passing at debug level; those are kept for the failure. */
function chainLogger(reasons: string[]) {
  const providerSays = /^@smithy\/property-provider (?:->|\(!\)) /
  return {
    debug: (...parts: unknown[]) => {
      const text = parts.map(String).join(' ')
      if (providerSays.test(text)) reasons.push(text.replace(providerSays, ''))
    },
    info: () => undefined,
    warn: (...parts: unknown[]) => core.warning(parts.map(String).join(' ').trim()),
    error: () => undefined
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeout(ms)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

function foundIn(credentials: AwsCredentialIdentity): string {
  const features = Object.keys((credentials as { $source?: object }).$source ?? {})
  const named = features.map((f) => FOUND_IN[f]).filter(Boolean)
  return named.at(-1) ?? 'the AWS SDK’s default chain'
}

function notFound(err: unknown, reasons: readonly string[]): ActionError {
  const message = err instanceof Error ? err.message : String(err)
  const timedOut = err instanceof RequestTimeout
  const said = [...new Set(reasons)].filter((r) => !r.startsWith('Could not load credentials'))
  return new ActionError(
    PROBLEMS.noCredentialsToChain,
    [timedOut ? `the AWS SDK’s default chain found nothing ${message}` : message],
    [
      'role-chaining signs with the credentials the AWS SDK’s default chain finds. It looks at, in this order:',
      ...SOURCES.map((source) => `  - ${source}`),
      ...(said.length ? ['What each source said:', ...said.map((r) => `  - ${r}`)] : []),
      'Run keyless-aws for the first role in an earlier step of this job, or set one of these.'
    ],
    { cause: err }
  )
}
