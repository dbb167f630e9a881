/**
 * The names under which main saves state for post: the one list of them. The runner hands each
 * value back to post as the variable STATE_<name>, which is plain environment there, so no value
 * holds a secret; the secrets stay in 0600 files the values point to.
 */
export const STATE_KEYS = {
  /** Every file main wrote, for post to delete. */
  writtenFiles: 'written-files',
  /** The variables main set, for post to restore or blank. */
  envChanges: 'env-changes',
  /** The file that holds those variables' earlier values. */
  previousValues: 'previous-values',
  /** The Identity Center session, for post to sign out. */
  identityCenterSession: 'identity-center-session',
  /** The directory main writes in, by path, device and inode: how post knows its files as ours. */
  ownDirectory: 'own-directory'
} as const

export type StateKey = (typeof STATE_KEYS)[keyof typeof STATE_KEYS]

/** The variable in which the runner hands post what main saved under `key`. */
export function stateVariable(key: string): string {
  return `STATE_${key}`
}
