import * as core from '@actions/core'
import { readConfig } from './config.js'
import { EnvChanges } from './env-changes.js'
import { describeFailure } from './errors.js'
import { StsWebIdentityExchange } from './exchanges/sts.js'
import { requestIdToken, showClaims } from './id-token.js'
import { publish, unsetCurrentCredentials } from './publish.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const config = readConfig(env)
    const changes = new EnvChanges(env)
    if (config.unsetCurrentCredentials) unsetCurrentCredentials(changes, env)
    const tokens = async () => {
      const token = await requestIdToken(config.audience, env)
      showClaims(token)
      return token
    }
    const credentials = await new StsWebIdentityExchange(config, tokens).obtain()
    await publish(credentials, config, changes, env)
  } catch (err) {
    core.setFailed(describeFailure(err))
  }
}
