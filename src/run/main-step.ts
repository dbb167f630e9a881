import * as core from '@actions/core'
import { readConfig } from '../config/index.js'
import type { Config } from '../config/index.js'
import { EnvChanges } from '../publish/env-changes.js'
import { warnAboutMisuse } from '../config/misuse-warnings.js'
import { refuseExistingProfile, unsetCurrentCredentials } from '../publish/before-exchange.js'
import { exchangeFor } from '../exchanges/index.js'
import { defaultRetryPolicy } from '../retry.js'
import { WrittenFileRecord } from '../state/written-files.js'
import { saveState } from '../publish/file-commands.js'
import type { TokenSource } from '../token/source.js'
import { debugConfig } from '../config/debug-lines.js'
import { ClaimsSeen } from './claims-seen.js'
import type { FailureContext } from './failure-report.js'
import { startStepDeadline } from './step-deadline.js'
import { maskNamedAccounts } from './mask-accounts.js'
import { ActionError, InputError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { escapeData } from '../errors/escape-data.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config | undefined
  const claims = new ClaimsSeen()
  let stopDeadline: (() => void) | undefined
  try {
    config = await readConfig(env)
    maskNamedAccounts(config)
    debugConfig(config)
    const read = config
    if (read.actionTimeoutSeconds)
      stopDeadline = startStepDeadline(read.actionTimeoutSeconds, (err) =>
        reportFailure(err, { config: read, claims: claims.rows(), env })
      )
    warnAboutMisuse(env)
    // Read and checked before any request or change; its code loads only when the input is set.
    const guard = config.trustPolicyFile
      ? await trustPolicyGuard(config, config.trustPolicyFile)
      : undefined
    await refuseExistingProfile(config, env)
    // One record of the files this step writes, whichever part writes them, for post to delete.
    const files = new WrittenFileRecord(saveState)
    const changes = new EnvChanges(env, files)
    if (config.unsetCurrentCredentials) unsetCurrentCredentials(changes, env)
    // A retry notice quotes the service's message, so it is escaped like any text from outside.
    const notify = (line: string) => core.info(escapeData(line))
    const retry = defaultRetryPolicy(config.maxAttempts, notify, core.debug)
    // The claims of every token an exchange uses, for the failure summary (a token refused by
    // trust-policy-file too: its claims are noted before the guard decides it).
    const seen = { watch: (source: TokenSource) => (guard ?? same)(claims.watch(source)) }
    const exchange = await exchangeFor(config, { env, retry, files, save: saveState, seen })
    // Loaded once the token request is out, like the exchange, while the answers are awaited.
    const publishing = import('../publish/index.js')
    publishing.catch(() => undefined) // awaited below, when the exchange has succeeded
    const obtained = await exchange.obtain()
    // Asked for after the exchange and before anything is exported: the step does all or nothing.
    const outbound =
      config.outboundToken && obtained.primary
        ? await (
            await import('../exchanges/outbound-token.js')
          ).requestOutboundToken(obtained.primary, config.outboundToken, config, retry)
        : undefined
    await (await publishing).publish({ obtained, outbound, config, changes, files, env })
    stopDeadline?.()
  } catch (err) {
    stopDeadline?.()
    await reportFailure(err, { config, claims: claims.rows(), env })
  }
}

/**
 * The failure as the job sees it, a proxy's refusal retitled as the proxy's. Its code (the
 * summary section, the proxy's advice) loads only when the step fails.
 */
async function reportFailure(err: unknown, context: FailureContext): Promise<void> {
  const [report, proxy] = await Promise.all([
    import('./failure-report.js'),
    import('../net/proxy-failure.js')
  ])
  await report.reportFailure(proxy.asProxyFailure(err), context)
}

/** trust-policy-file: each token for role-to-assume decided against the policy before STS sees it. */
async function trustPolicyGuard(
  config: Config,
  file: string
): Promise<(source: TokenSource) => TokenSource> {
  const loaded = await (await import('./trust-preflight.js')).loadTrustPolicy(file)
  if ('problem' in loaded) throw new InputError([loaded.problem])
  return (source) =>
    loaded.guard(source, {
      roleArn: config.roleArn,
      // On the Identity Center path only the STS audience's tokens are for role-to-assume.
      audience: config.exchange === 'identity-center' ? config.audience : undefined,
      refuse: (r) => new ActionError(PROBLEMS.trustPolicyMismatch, r.layers, r.explanation)
    })
}

const same = (source: TokenSource) => source
