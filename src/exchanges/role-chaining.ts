import * as core from '@actions/core'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import type { RoleChainingConfig } from '../config/index.js'
import type { SessionTag } from '../config/session-tags.js'
import { awsErrorCode } from '../errors/aws-error.js'
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
    const send = async (tags: readonly SessionTag[]) => {
      const output = await withRetry(
        'STS AssumeRole',
        () => client.send(this.#command(tags)),
        retry
      )
      return fromAssumedRole(output, answer)
    }
    const { sessionTags } = config
    try {
      try {
        return await send(sessionTags)
      } catch (err) {
        // As configure-aws-credentials does: the run's metadata tags give way to the policies.
        const fewer = sessionTags.filter((tag) => !tag.droppable)
        if (awsErrorCode(err) !== 'PackedPolicyTooLarge' || fewer.length === sessionTags.length)
          throw err
        core.info(
          `role-chaining: STS found the session tags and policies too large together; trying once more without the tags ${sessionTags
            .filter((tag) => tag.droppable)
            .map((tag) => tag.key)
            .join(', ')}.`
        )
        return await send(fewer)
      }
    } finally {
      client.destroy()
    }
  }

  #command(tags: readonly SessionTag[]): AssumeRoleCommand {
    const c = this.#options.config
    // Tag keys ignore case at STS, and so they did when the config checked them.
    const keys = new Set(tags.map((tag) => tag.key.toLowerCase()))
    const transitive = c.transitiveTagKeys.filter((key) => keys.has(key.toLowerCase()))
    return new AssumeRoleCommand({
      RoleArn: c.roleArn,
      RoleSessionName: c.sessionName,
      DurationSeconds: c.durationSeconds,
      ExternalId: c.externalId,
      Policy: c.policy,
      PolicyArns: c.policyArns.length ? c.policyArns.map((arn) => ({ arn })) : undefined,
      Tags: tags.length ? tags.map((tag) => ({ Key: tag.key, Value: tag.value })) : undefined,
      TransitiveTagKeys: transitive.length ? transitive : undefined
    })
  }
}
