import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import type { NamedCredentials, Obtained } from '../credentials.js'
import { writeProfileFiles } from './profile-files.js'
import type { Profile } from './profile-files.js'
import { credentialProcessFor } from './self-refreshing.js'
import type { WrittenFileRecord } from '../state/written-files.js'

/**
 * Writes aws-profile and role-profiles into new credentials and config files, and returns the
 * variables that point the AWS CLI and SDKs at them. With aws-profile, it becomes AWS_PROFILE,
 * and credential variables an earlier step exported are blanked: they would win over it.
 */
export function writeProfiles(
  obtained: Obtained,
  config: Config,
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord
): Record<string, string> {
  const named: NamedCredentials[] = [...obtained.profiles]
  if (config.awsProfile && obtained.primary)
    named.unshift({
      profile: config.awsProfile,
      roleArn: config.roleArn,
      credentials: obtained.primary
    })
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
  const variables: Record<string, string> = {
    AWS_SHARED_CREDENTIALS_FILE: written.credentialsFile,
    AWS_CONFIG_FILE: written.configFile
  }
  if (config.awsProfile) {
    variables.AWS_PROFILE = config.awsProfile
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      if (env[name]) variables[name] = ''
  }
  core.info(
    `Wrote profile${named.length > 1 ? 's' : ''} ${named.map((n) => n.profile).join(', ')}${config.selfRefreshing ? ' (self-refreshing: credential_process exchanges a fresh token when the SDK asks)' : ''}.`
  )
  return variables
}
