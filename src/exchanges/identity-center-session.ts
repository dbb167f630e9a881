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
 * Leaves the session for post to sign out. The token file joins the files post deletes first, so
 * it goes even if post cannot read the session back.
 */
export function saveSession(
  session: { accessToken: string; region: string },
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord,
  save: SaveState
): void {
  const tokenFile = writeSecureFile(
    actionTempDir(env),
    'identity-center-token',
    session.accessToken
  )
  files.add(tokenFile)
  save(STATE_KEYS.identityCenterSession, { portalUrl: portalUrl(session.region, env), tokenFile })
}
