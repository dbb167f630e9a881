import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import type { NamedCredentials, Obtained } from '../credentials.js'
import { writeProfileFiles } from './profile-files.js'
import type { Profile } from './profile-files.js'
import { credentialProcessFor } from './self-refreshing.js'
import type { WrittenFileRecord } from '../state/written-files.js'

/**
 * Writes aws-profile, role-profiles and `defaults` (the profiles that hold the step's credentials
 * for clients that name none) into new credentials and config files, and returns the variables
 * that point the AWS CLI and SDKs at them. AWS_PROFILE is never changed: a step cannot unset it
 * again, and blank it breaks every CLI and boto3 call that names no profile.
 */
export function writeProfiles(
  obtained: Obtained,
  config: Config,
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord,
  defaults: readonly string[]
): Record<string, string> {
  const named: NamedCredentials[] = []
  const add = (entry: NamedCredentials) => {
    if (!named.some((n) => n.profile === entry.profile)) named.push(entry)
  }
  const { primary } = obtained
  if (config.awsProfile && primary)
    add({ profile: config.awsProfile, roleArn: config.roleArn, credentials: primary })
  for (const entry of obtained.profiles) add(entry)
  if (primary)
    for (const profile of defaults) add({ profile, roleArn: config.roleArn, credentials: primary })
  if (named.length === 0) return {}
  const profiles = named.map(({ profile, roleArn, credentials }): Profile =>
    config.selfRefreshing
      ? {
          name: profile,
          region: config.region,
          credentialProcess: credentialProcessFor(config, roleArn, env, files)
        }
      : { name: profile, region: config.region, credentials }
  )
  const written = writeProfileFiles(profiles, env, (path) => files.add(path))
  const asDefault = named.filter((n) => defaults.includes(n.profile)).map((n) => n.profile)
  core.info(
    `Wrote profile${named.length > 1 ? 's' : ''} ${named.map((n) => n.profile).join(', ')}${config.selfRefreshing ? ' (self-refreshing: credential_process exchanges a fresh token when the SDK asks)' : ''}${asDefault.length ? `; ${asDefault.join(', ')} for steps that name no profile` : ''}.`
  )
  return {
    AWS_SHARED_CREDENTIALS_FILE: written.credentialsFile,
    AWS_CONFIG_FILE: written.configFile
  }
}
