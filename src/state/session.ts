/** The state key under which main records an Identity Center session for post to sign out. */
export const SESSION_STATE_KEY = 'identity-center-session'

/** What post needs to sign the session out; the token itself stays in a file only we can read. */
export interface SavedSession {
  readonly portalUrl: string
  readonly tokenFile: string
}
