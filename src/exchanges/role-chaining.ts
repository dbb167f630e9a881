import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import type { RoleChainingConfig } from '../config/index.js'
import { fromAssumedRole } from '../credentials.js'
import type { Obtained } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { explainRoleChainingError } from './diagnosis/role-chaining.js'
import type { Exchange } from './exchange.js'

interface RoleChainingOptions {
  readonly config: RoleChainingConfig
  /** Where the earlier step's credentials are. */
  readonly env: NodeJS.ProcessEnv
  readonly retry: RetryPolicy
}

/** A signed AssumeRole from the credentials an earlier step left in the environment. */
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
    const { config, env, retry } = this.#options
    const accessKeyId = env.AWS_ACCESS_KEY_ID
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
    if (!accessKeyId || !secretAccessKey) {
      throw new ActionError(
        PROBLEMS.noCredentialsToChain,
        [],
        [
          'role-chaining signs with the credentials an earlier step exported (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), and there are none.',
          'Run keyless-aws for the first role in an earlier step of this job.'
        ]
      )
    }
    const client = new STSClient({
      ...stsClientOptions(config),
      credentials: {
        accessKeyId,
        secretAccessKey,
        sessionToken: env.AWS_SESSION_TOKEN || undefined
      }
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
