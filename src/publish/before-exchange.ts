import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import type { EnvChanges } from './env-changes.js'
import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

// What the step changes before any request. The rest of publishing loads while the token request
// is out (run/main-step.ts), so that none of it is compiled before that request leaves.

export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN'
] as const

/**
 * aws-profile refuses a profile already in force unless overwrite-aws-profile says otherwise, as
 * configure-aws-credentials does: a second step must not silently replace what an earlier step
 * (or the runner's ~/.aws) set up under that name. Called before any request.
 */
export async function refuseExistingProfile(config: Config, env: NodeJS.ProcessEnv): Promise<void> {
  if (!config.awsProfile || config.overwriteAwsProfile) return
  // Loaded only with aws-profile, as most steps have none.
  const file = (await import('./profile-files.js')).fileWithProfile(config.awsProfile, env)
  if (!file) return
  throw new ActionError(
    PROBLEMS.profileExists,
    [`aws-profile ${config.awsProfile}`, `${file} already has a profile of that name`],
    [
      'Nothing was requested or exported. Give this step another aws-profile, or set overwrite-aws-profile: true to replace it',
      'for the following steps (keyless-aws writes new files and never changes that one; post puts its profile back in force).'
    ]
  )
}

/** Blanks credentials an earlier step exported, so a failure here cannot leave them in force. */
export function unsetCurrentCredentials(changes: EnvChanges, env: NodeJS.ProcessEnv): void {
  const present = CREDENTIAL_VARIABLES.filter((name) => env[name])
  if (present.length === 0) return
  changes.exportAll(Object.fromEntries(present.map((name) => [name, ''])))
  core.info(`Cleared ${present.join(', ')} set by an earlier step (unset-current-credentials).`)
}
