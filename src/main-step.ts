import * as core from '@actions/core'
import { readConfig } from './config.js'
import { EnvChanges } from './env-changes.js'
import { describeFailure } from './errors.js'
import { publish, unsetCurrentCredentials } from './publish.js'
import { defaultRetryPolicy } from './retry.js'
import { tokenSource } from './token-source.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const config = readConfig(env)
    const changes = new EnvChanges(env)
    if (config.unsetCurrentCredentials) unsetCurrentCredentials(changes, env)
    const retry = defaultRetryPolicy(config.maxAttempts, core.info)
    const tokens = tokenSource({
      audience: config.audience,
      env,
      retry,
      timeoutMs: config.requestTimeoutMs
    })
    // The token request goes out first; the AWS SDK loads while it is in flight.
    tokens.prefetch()
    const { StsWebIdentityExchange } = await import('./exchanges/sts.js')
    const credentials = await new StsWebIdentityExchange(config, tokens, retry).obtain()
    await publish(credentials, config, changes, env)
  } catch (err) {
    core.setFailed(describeFailure(err))
  }
}
