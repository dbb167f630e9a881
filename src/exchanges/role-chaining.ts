import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { RoleChainingConfig } from '../config/index.js'
import { fromAssumedRole } from '../credentials.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { explainRoleChainingError } from './diagnosis/role-chaining.js'
import type { Exchange } from './index.js'

/** A signed AssumeRole from the credentials an earlier step left in the environment. */
export class RoleChainingExchange implements Exchange {
  readonly #config: RoleChainingConfig
  readonly #env: NodeJS.ProcessEnv
  readonly #retry: RetryPolicy

  constructor(config: RoleChainingConfig, env: NodeJS.ProcessEnv, retry: RetryPolicy) {
    this.#config = config
    this.#env = env
    this.#retry = retry
  }

  async obtain(): Promise<Credentials> {
    const config = this.#config
    try {
      return await this.#assumeRole()
    } catch (err) {
      throw explainRoleChainingError(err, config).within(`sts:AssumeRole on ${config.roleArn}`)
    }
  }

  async #assumeRole(): Promise<Credentials> {
    const config = this.#config
    const accessKeyId = this.#env.AWS_ACCESS_KEY_ID
    const secretAccessKey = this.#env.AWS_SECRET_ACCESS_KEY
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
      ...awsClientOptions(config),
      credentials: {
        accessKeyId,
        secretAccessKey,
        sessionToken: this.#env.AWS_SESSION_TOKEN || undefined
      }
    })
    client.middlewareStack.use(roundTripLog())
    try {
      return fromAssumedRole(
        await withRetry('STS AssumeRole', () => client.send(this.#command()), this.#retry)
      )
    } finally {
      client.destroy()
    }
  }

  #command(): AssumeRoleCommand {
    const c = this.#config
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
