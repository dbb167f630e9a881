import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { awsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { RoleChainingConfig } from '../config/index.js'
import { fromAssumedRole } from '../credentials.js'
import type { Credentials } from '../credentials.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import type { Problem } from '../errors/problems.js'
import { awsUnavailable } from '../errors/aws-unavailable.js'
import { RetriesExhausted, withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
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
    const layer = `sts:AssumeRole on ${config.roleArn}`
    const accessKeyId = this.#env.AWS_ACCESS_KEY_ID
    const secretAccessKey = this.#env.AWS_SECRET_ACCESS_KEY
    if (!accessKeyId || !secretAccessKey) {
      throw new ActionError(
        PROBLEMS.noCredentialsToChain,
        [layer],
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
    } catch (err) {
      if (err instanceof ActionError) throw err
      throw explain(err, layer, config)
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

function explain(err: unknown, layer: string, config: RoleChainingConfig): ActionError {
  if (err instanceof RetriesExhausted) return awsUnavailable(err, layer, `STS in ${config.region}`)
  const e = err as { name?: string; message?: string }
  const code = e.name ?? 'Error'
  const [problem, lines] = diagnose(code, e.message ?? '', config)
  return new ActionError(problem, [layer, `${code}: ${e.message ?? ''}`], lines, {
    cause: err,
    code
  })
}

function diagnose(code: string, message: string, config: RoleChainingConfig): [Problem, string[]] {
  if (code === 'AccessDenied') {
    return [
      PROBLEMS.chainingNotAllowed,
      [
        `The role whose credentials the earlier step exported may not assume ${config.roleArn}. Check that:`,
        '  - the target role trusts it: Principal {"AWS": "<that role\'s ARN>"}, Action "sts:AssumeRole"' +
          (config.externalId
            ? ', with a Condition {"StringEquals": {"sts:ExternalId": "<role-external-id>"}};'
            : ';'),
        `  - its permission policy allows sts:AssumeRole on ${config.roleArn};`,
        '  - role-external-id matches what the target requires, if it requires one.'
      ]
    ]
  }
  if (/role chaining/i.test(message)) {
    return [
      PROBLEMS.durationTooLong,
      ['Role chaining limits the session to one hour: lower role-duration-seconds to 3600 or less.']
    ]
  }
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') {
    return [
      PROBLEMS.noCredentialsToChain,
      [
        'The credentials from the earlier step have expired; request them again in this job, closer to this step.'
      ]
    ]
  }
  if (
    code === 'ValidationError' ||
    code === 'MalformedPolicyDocument' ||
    code === 'PackedPolicyTooLarge'
  ) {
    return [
      PROBLEMS.parameterRejected,
      ['STS refused a parameter: check the inputs named in the message.']
    ]
  }
  return [PROBLEMS.unexpected, []]
}
