import { actionTempDir, reserveSecureFile, writeReservedFile } from '../state/secure-file.js'
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
 * Leaves the session for post to sign out, in two halves around CreateTokenWithIAM. Before it is
 * sent, the token file joins the files post deletes and the session is saved naming it: post
 * finds the file missing, which is fine, when the step stopped before the token came. Once the
 * token has come, its file is the step's very first write: so no kill at a write can leave a
 * session that post cannot sign out.
 */
export function reserveSession(
  region: string,
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord,
  save: SaveState
): { readonly tokenFile: string; readonly writeToken: (accessToken: string) => void } {
  const portal = portalUrl(region, env)
  const tokenFile = reserveSecureFile(actionTempDir(env), 'identity-center-token', (path) => {
    files.add(path)
    save(STATE_KEYS.identityCenterSession, { portalUrl: portal, tokenFile: path })
  })
  return { tokenFile, writeToken: (accessToken) => writeReservedFile(tokenFile, accessToken) }
}
