import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import type { RoleChainingConfig } from '../config/index.js'
import { fromAssumedRole } from '../credentials.js'
import type { Obtained } from '../credentials.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { explainRoleChainingError } from './diagnosis/role-chaining.js'
import type { Exchange } from './exchange.js'
import { sourceCredentials } from './source-credentials.js'

interface RoleChainingOptions {
  readonly config: RoleChainingConfig
  readonly retry: RetryPolicy
}

/** A signed AssumeRole from the credentials the AWS SDK's default chain finds. */
export class RoleChainingExchange implements Exchange {
  readonly #options: RoleChainingOptions

  constructor(options: RoleChainingOptions) {
    this.#options = options
  }

  async obtain(): Promise<Obtained> {
    const { config } = this.#options
    try {
      return { primary: await this.#assumeRole(), profiles: [] }
    } catch (err) {
      throw explainRoleChainingError(err, config).within(`sts:AssumeRole on ${config.roleArn}`)
    }
  }

  async #assumeRole() {
    const { config, retry } = this.#options
    const client = new STSClient({
      ...stsClientOptions(config),
      credentials: await sourceCredentials(config)
    })
    let answer: AnswerSeen | undefined
    client.middlewareStack.use(roundTripLog((seen) => (answer = seen)))
    try {
      const output = await withRetry('STS AssumeRole', () => client.send(this.#command()), retry)
      return fromAssumedRole(output, answer)
    } finally {
      client.destroy()
    }
  }

  #command(): AssumeRoleCommand {
    const c = this.#options.config
    return new AssumeRoleCommand({
      RoleArn: c.roleArn,
      RoleSessionName: c.sessionName,
      DurationSeconds: c.durationSeconds,
      ExternalId: c.externalId,
      Policy: c.policy,
      PolicyArns: c.policyArns.length ? c.policyArns.map((arn) => ({ arn })) : undefined
    })
  }
}
