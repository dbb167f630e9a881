import { boolean } from './rules.js'
import type { Checked } from './rules.js'
import { DEFAULTS, readInput } from './reader.js'

/**
 * Whether post leaves this step's credentials in force for the rest of the job, for an action
 * set up before this one whose own post step runs after ours (post steps run in reverse) and
 * still needs them. Read apart from the rest of the config, as post reads it.
 *
 * Two ways to ask, either enough: the input cleanup-credentials: false (as
 * google-github-actions/auth's cleanup_credentials), or AWS_SKIP_CLEANUP_STEP=true in the job's
 * environment, as configure-aws-credentials reads it (v6.2.3 action.yml:
 * `post-if: env.AWS_SKIP_CLEANUP_STEP != 'true'`, a comparison that ignores case, so TRUE and
 * True count and anything else does not).
 */
export function keepCredentialsFor(env: NodeJS.ProcessEnv): string | undefined {
  if ((env.AWS_SKIP_CLEANUP_STEP ?? '').toLowerCase() === 'true') return 'AWS_SKIP_CLEANUP_STEP'
  const input = cleanupCredentials(env)
  // A bad value was refused in main, which then set nothing: cleaning up is the safe reading.
  return input.ok && !input.value ? 'cleanup-credentials: false' : undefined
}

export function cleanupCredentials(env: NodeJS.ProcessEnv): Checked<boolean> {
  return boolean(
    'cleanup-credentials',
    readInput(env, 'cleanup-credentials') || DEFAULTS['cleanup-credentials']
  )
}
