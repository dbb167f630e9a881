import { actionTempDir, writeSecureFile } from '../state/secure-file.js'
import { STATE_KEYS } from '../state/keys.js'
import type { SaveState } from '../state/schema.js'
import type { WrittenFileRecord } from '../state/written-files.js'

/** The access portal's endpoint, as the SDK would resolve it, including an AWS_ENDPOINT_URL_SSO override. */
export function portalUrl(region: string, env: NodeJS.ProcessEnv): string {
  const override =
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
      ? undefined
      : env.AWS_ENDPOINT_URL_SSO || env.AWS_ENDPOINT_URL
  if (override) return override.replace(/\/$/, '')
  return `https://portal.sso.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
}

/**
 * Leaves the session for post to sign out: the token file joins the files post deletes, and the
 * session is saved naming it, both before the token is written. Post then signs out
 * whenever the token reached the disk, and finds the file missing, which is fine, when it did not.
 */
export function saveSession(
  session: { accessToken: string; region: string },
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord,
  save: SaveState
): void {
  const portal = portalUrl(session.region, env)
  writeSecureFile(actionTempDir(env), 'identity-center-token', session.accessToken, (path) => {
    files.add(path)
    save(STATE_KEYS.identityCenterSession, { portalUrl: portal, tokenFile: path })
  })
}
