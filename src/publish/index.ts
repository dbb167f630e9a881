import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import type { Credentials, Obtained } from '../credentials.js'
import type { EnvChanges } from './env-changes.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { escapeData } from '../errors/escape-data.js'
import { publishOutboundToken, writeOutboundTokenFile } from './outbound-token.js'
import type { OutboundToken } from '../exchanges/outbound-token.js'
import { writeSummary } from './summary.js'
import { PublishUndo } from './undo.js'
import { CREDENTIAL_VARIABLES } from './before-exchange.js'
import type { WrittenFileRecord } from '../state/written-files.js'

export interface PublishOptions {
  readonly obtained: Obtained
  /** The token for a third party, when web-identity-token-audience asked for one. */
  readonly outbound: OutboundToken | undefined
  readonly config: Config
  /** Exports variables and records them for post. */
  readonly changes: EnvChanges
  /** Records every file written, for post to delete. */
  readonly files: WrittenFileRecord
  readonly env: NodeJS.ProcessEnv
}

/** Masks every secret first, then exports, sets outputs and writes the summary. */
export async function publish(options: PublishOptions): Promise<void> {
  const { obtained, config, changes, files, env } = options
  const all = [
    ...(obtained.primary ? [obtained.primary] : []),
    ...obtained.profiles.map((p) => p.credentials)
  ]
  for (const creds of all) {
    core.setSecret(creds.accessKeyId)
    core.setSecret(creds.secretAccessKey)
    core.setSecret(creds.sessionToken)
    if (config.maskAccountId) core.setSecret(creds.accountId)
  }
  core.debug(
    `publish: masked the credentials of ${all.length} role${all.length === 1 ? '' : 's'}${config.maskAccountId ? ' and their accounts' : ''}`
  )
  const creds = obtained.primary ?? obtained.profiles[0].credentials

  // Before anything is written or exported: a mismatch must leave nothing behind.
  for (const c of all) checkAccount(c, config)
  if (config.allowedAccountIds.length) core.debug('publish: account in allowed-account-ids')
  const undo = new PublishUndo(env, files)
  try {
    await exportAll(options, creds, undo)
  } catch (err) {
    // Half-way: what was written is taken back, so that no later step sees a failed step's work.
    throw undo.changedAnything ? await undo.undo(err) : err
  }

  for (const c of all) {
    const minutes = Math.round((c.expiration.getTime() - Date.now()) / 60_000)
    core.info(
      `Credentials of ${escapeData(c.principal)}; they expire at ${c.expiration.toISOString()} (in ${minutes} min).`
    )
  }
  core.info(
    changes.names.length
      ? `Exported ${changes.names.join(', ')} for the following steps; the post step clears them.`
      : 'Exported nothing to the job’s environment (output-env-credentials: false).'
  )
  if (env.GITHUB_STEP_SUMMARY) {
    const named = [
      ...(config.awsProfile && obtained.primary
        ? [{ profile: config.awsProfile, credentials: obtained.primary }]
        : []),
      ...obtained.profiles
    ]
    // The credentials are in force by now: a summary that cannot be written must not fail the step.
    await writeSummary(creds, config, named).catch((err: unknown) =>
      core.warning(`The job summary could not be written: ${(err as Error).message}`)
    )
  }
}

/**
 * The profiles that hold the step's credentials for clients that name none, besides the
 * variables. With aws-profile-as-default, the profile such clients read: an earlier step's
 * AWS_PROFILE, or default. With the credential variables and an AWS_PROFILE from an earlier step,
 * that profile too: the CLI and boto3 prefer the variables, but the JS SDK reads the profile
 * AWS_PROFILE names and ignores them.
 */
function defaultProfiles(env: NodeJS.ProcessEnv, asDefault: boolean, toEnv: boolean): string[] {
  if (asDefault) return [env.AWS_PROFILE || 'default']
  return toEnv && env.AWS_PROFILE ? [env.AWS_PROFILE] : []
}

function checkAccount(creds: Credentials, config: Config): void {
  if (config.allowedAccountIds.length === 0 || config.allowedAccountIds.includes(creds.accountId))
    return
  throw new ActionError(
    PROBLEMS.accountNotAllowed,
    [`the credentials are for account ${creds.accountId}`],
    [
      `allowed-account-ids lists ${config.allowedAccountIds.join(', ')}; nothing was exported.`,
      'Check role-to-assume (or identity-center-account-id), or add the account to allowed-account-ids.'
    ]
  )
}

/** Writes the files, then exports the variables and sets the outputs: every change publish makes. */
async function exportAll(
  options: PublishOptions,
  creds: Credentials,
  undo: PublishUndo
): Promise<void> {
  const { obtained, outbound, config, changes, files, env } = options
  const outboundTokenFile =
    outbound && config.outboundToken
      ? writeOutboundTokenFile(outbound, config.outboundToken, env, files)
      : undefined
  const { primary } = obtained
  const toEnv = config.outputEnvCredentials
  const asDefault = !!primary && config.awsProfileAsDefault
  const defaults = defaultProfiles(env, asDefault, !!primary && toEnv)
  // Loaded only when there are profiles to write, as most steps have none.
  const profileVariables =
    config.awsProfile || obtained.profiles.length || defaults.length
      ? (await import('./profiles.js')).writeProfiles(obtained, config, env, files, defaults)
      : {}

  const exported: Record<string, string> = { ...profileVariables }
  if (primary && toEnv) {
    exported.AWS_ACCESS_KEY_ID = creds.accessKeyId
    exported.AWS_SECRET_ACCESS_KEY = creds.secretAccessKey
    exported.AWS_SESSION_TOKEN = creds.sessionToken
  } else if (asDefault) {
    // Credential variables an earlier step exported would win over the default profile.
    for (const name of CREDENTIAL_VARIABLES) if (env[name]) exported[name] = ''
  }
  if (toEnv || asDefault) {
    exported.AWS_REGION = config.region
    exported.AWS_DEFAULT_REGION = config.region
  }
  if (Object.keys(exported).length) undo.exportAll(changes, exported)
  core.debug(
    `publish: exported ${Object.keys(exported).join(', ') || 'nothing (output-env-credentials: false)'}`
  )

  const expiration = creds.expiration.toISOString()
  undo.setOutput('aws-account-id', creds.accountId)
  if (creds.arn) undo.setOutput('authenticated-arn', creds.arn)
  undo.setOutput('aws-expiration', expiration)
  if (creds.identityCenterUserId)
    undo.setOutput('identity-center-user-id', creds.identityCenterUserId)
  if (config.outputCredentials) {
    undo.setOutput('aws-access-key-id', creds.accessKeyId)
    undo.setOutput('aws-secret-access-key', creds.secretAccessKey)
    undo.setOutput('aws-session-token', creds.sessionToken)
  }

  if (outbound) publishOutboundToken(outbound, outboundTokenFile, changes, undo)
  core.debug(
    `publish: outputs aws-account-id, ${creds.arn ? 'authenticated-arn, ' : ''}aws-expiration${config.outputCredentials ? ' and the credentials (output-credentials)' : ''}`
  )
}
