import { rmSync } from 'node:fs'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import * as core from './commands.js'
import { ownFiles } from './own-files.js'

/**
 * Post when asked to keep the credentials: the variables and files main set stay as they are
 * for the rest of the job (the runner empties RUNNER_TEMP when the job ends). Only the file of
 * earlier values goes, which nothing but post reads and which may hold an earlier step's secrets.
 */
export function keepCredentials(env: NodeJS.ProcessEnv, askedBy: string): void {
  const changed = (savedState(env, STATE_KEYS.envChanges) ?? []).map((c) => c.name)
  const files = savedState(env, STATE_KEYS.writtenFiles) ?? []
  const previous = savedState(env, STATE_KEYS.previousValues)
  // Only when it is main's: forged state could name any file.
  if (previous && !ownFiles(env)(previous)) rmSync(previous, { force: true })
  const kept = [...changed, ...files.filter((f) => f !== previous)]
  core.info(
    `Clean-up skipped (${askedBy}): kept for the rest of the job: ${kept.join(', ') || 'nothing'}.`
  )
}
