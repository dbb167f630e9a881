import { digestOf, readPreviousValues } from '../state/env-change.js'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import * as core from './commands.js'
import { PROBLEMS } from '../errors/problems.js'
import { pendingSignOut } from './sign-out.js'
import { deleteWrittenFiles } from './delete-files.js'
import { keepCredentials } from './keep-credentials.js'
import { keepCredentialsFor } from '../config/cleanup-inputs.js'
import { valueWhenUnset } from './value-when-unset.js'

/**
 * Undoes what main recorded: restores variables, or sets them as a client reads "unset", deletes files, and signs out last, as
 * only the sign-out waits on the network (under a deadline of its own). Each part runs whatever
 * became of the others, so one failure leaves nothing else behind. Never fails the job.
 */
export async function cleanUp(env: NodeJS.ProcessEnv): Promise<void> {
  // Read before the files go: the session's token is in one of them.
  const signOut = await warnOnFailure(() => pendingSignOut(env))
  const askedBy = keepCredentialsFor(env)
  if (askedBy) {
    await warnOnFailure(() => keepCredentials(env, askedBy))
  } else {
    // Before the files go: the earlier values are in one of them.
    await warnOnFailure(() => restoreVariables(env))
    await warnOnFailure(() => deleteWrittenFiles(env))
  }
  // Signing out ends the Identity Center session only: credentials it gave stay valid until
  // they expire, so it happens even when they are kept.
  if (signOut) await warnOnFailure(signOut)
}

async function warnOnFailure<T>(part: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await part()
  } catch (err) {
    core.warning(`${PROBLEMS.cleanupFailed}: ${(err as Error).message}`, PROBLEMS.cleanupFailed)
    return undefined
  }
}

function restoreVariables(env: NodeJS.ProcessEnv): void {
  const changes = savedState(env, STATE_KEYS.envChanges) ?? []
  core.debug(
    `post: main recorded ${changes.length ? changes.map((c) => `${c.name}${c.restores ? ' (had a value)' : ''}`).join(', ') : 'no variable'}`
  )
  let previous: Record<string, string> = {}
  // Read only when a variable still holds main's value and had one before: main's own undo, or
  // a later step, may have set them back already, and then the file may be gone.
  const ours = (c: (typeof changes)[number]) => digestOf(env[c.name] ?? '') === c.digest
  try {
    if (changes.some((c) => c.restores && ours(c)))
      previous = readPreviousValues(savedState(env, STATE_KEYS.previousValues) ?? '')
  } catch (err) {
    // Treated as unset before rather than left with this step's values; said, as they are lost.
    core.warning(
      `${PROBLEMS.cleanupFailed}: the earlier values could not be read (${(err as Error).message}); the variables are set as if they had none.`,
      PROBLEMS.cleanupFailed
    )
  }
  const done = { cleared: [] as string[], restored: [] as string[], reset: [] as string[] }
  const kept: string[] = []
  // GITHUB_ENV that takes no write (a directory, a full disk) must not keep the rest from being
  // done, nor be reported as a bare errno: the variables named keep keyless-aws's values.
  const unwritten: string[] = []
  let why = ''
  for (const change of changes) {
    if (!ours(change)) {
      core.info(`${change.name} was changed after keyless-aws set it; left as it is.`)
      continue
    }
    const earlier = change.restores ? previous[change.name] : undefined
    const value = earlier ?? valueWhenUnset(change.name, env)
    if (value === undefined) {
      kept.push(change.name)
      continue
    }
    try {
      core.exportVariable(env, change.name, value)
    } catch (err) {
      unwritten.push(change.name)
      why = (err as NodeJS.ErrnoException).code ?? (err as Error).message
      continue
    }
    done[earlier !== undefined ? 'restored' : value ? 'reset' : 'cleared'].push(change.name)
  }
  if (done.cleared.length) core.info(`Cleared ${done.cleared.join(', ')}.`)
  if (done.restored.length) core.info(`Restored the earlier values of ${done.restored.join(', ')}.`)
  if (done.reset.length)
    core.info(`Pointed ${done.reset.join(', ')} back at ~/.aws, where clients look when unset.`)
  if (kept.length)
    core.info(`Left ${kept.join(', ')} as set: not secret, and a blank region is an error.`)
  if (changes.length === 0) core.info('Nothing to clean up.')
  if (unwritten.length)
    throw new Error(
      `could not set ${unwritten.join(', ')} back: GITHUB_ENV (${env.GITHUB_ENV ?? 'not set'}) could not be written (${why}), so they keep the values keyless-aws set for the rest of the job`
    )
}
