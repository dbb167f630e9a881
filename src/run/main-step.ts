import * as core from '@actions/core'
import { readConfig } from '../config/index.js'
import type { Config } from '../config/index.js'
import { EnvChanges } from '../publish/env-changes.js'
import { warnAboutMisuse } from '../config/misuse-warnings.js'
import { asProxyFailure } from '../net/proxy-failure.js'
import { publish, unsetCurrentCredentials } from '../publish/index.js'
import type { Obtained } from '../publish/index.js'
import { defaultRetryPolicy } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import { tokenSource } from '../token/source.js'
import { WrittenFileRecord } from '../state/written-files.js'
import { debugConfig } from '../config/debug-lines.js'
import { ClaimsSeen } from './claims-seen.js'
import { reportFailure } from './failure-report.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config | undefined
  const claims = new ClaimsSeen()
  try {
    config = readConfig(env)
    debugConfig(config)
    warnAboutMisuse(env)
    // One record of the files this step writes, whichever part writes them, for post to delete.
    const files = new WrittenFileRecord(core.saveState)
    const changes = new EnvChanges(env, files)
    if (config.unsetCurrentCredentials) unsetCurrentCredentials(changes, env)
    const retry = defaultRetryPolicy(config.maxAttempts, core.info, core.debug)
    const obtained = await exchange(config, env, retry, files, claims)
    // Asked for after the exchange and before anything is exported: the step does all or nothing.
    const outbound =
      config.outboundToken && obtained.primary
        ? await (
            await import('../exchanges/outbound-token.js')
          ).requestOutboundToken(obtained.primary, config.outboundToken, config, retry)
        : undefined
    await publish(obtained, config, changes, files, env, outbound)
  } catch (err) {
    await reportFailure(asProxyFailure(err), { config, claims: claims.rows(), env })
  }
}

/**
 * The token requests go out first; each exchange's code, and the AWS SDK clients it needs, load
 * while they are in flight, and the STS path never loads the Identity Center clients.
 */
async function exchange(
  config: Config,
  env: NodeJS.ProcessEnv,
  retry: RetryPolicy,
  files: WrittenFileRecord,
  claims: ClaimsSeen
): Promise<Obtained> {
  const tokens = (audience: string) => {
    const source = tokenSource({
      audience,
      env,
      retry,
      timeoutMs: config.requestTimeoutMs,
      proxy: config.proxy
    })
    source.prefetch()
    return claims.watch(source)
  }
  if (config.exchange === 'sts') {
    const stsTokens = config.webIdentityTokenFile
      ? claims.watch(
          (await import('../token/file.js')).fileTokenSource(config.webIdentityTokenFile)
        )
      : tokens(config.audience)
    const { StsWebIdentityExchange } = await import('../exchanges/sts.js')
    const assume = (roleArn: string) =>
      new StsWebIdentityExchange({ ...config, roleArn }, stsTokens, retry).obtain()
    // One token for every role, the roles assumed side by side.
    const [primary, profiles] = await Promise.all([
      config.roleArn ? assume(config.roleArn) : undefined,
      Promise.all(
        config.roleProfiles.map(async ({ profile, roleArn }) => ({
          profile,
          roleArn,
          credentials: await assume(roleArn)
        }))
      )
    ])
    return { primary, profiles }
  }
  if (config.exchange === 'role-chaining') {
    const { RoleChainingExchange } = await import('../exchanges/role-chaining.js')
    return { primary: await new RoleChainingExchange(config, env, retry).obtain(), profiles: [] }
  }
  const stsTokens = tokens(config.audience)
  const assertions = tokens(config.identityCenterAudience)
  const { IdentityCenterExchange } = await import('../exchanges/identity-center.js')
  const primary = await new IdentityCenterExchange(
    config,
    stsTokens,
    assertions,
    retry,
    env,
    files
  ).obtain()
  return { primary, profiles: [] }
}
