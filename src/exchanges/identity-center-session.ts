import * as core from '@actions/core'
import { actionTempDir, writeSecureFile } from '../state/secure-file.js'
import { SESSION_STATE_KEY } from '../state/session.js'
import type { SavedSession } from '../state/session.js'

/** The access portal's endpoint, as the SDK would resolve it, including an AWS_ENDPOINT_URL_SSO override. */
export function portalUrl(region: string, env: NodeJS.ProcessEnv): string {
  const override =
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
      ? undefined
      : env.AWS_ENDPOINT_URL_SSO || env.AWS_ENDPOINT_URL
  if (override) return override.replace(/\/$/, '')
  return `https://portal.sso.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
}

export function saveSession(
  session: { accessToken: string; region: string },
  env: NodeJS.ProcessEnv
): void {
  const saved: SavedSession = {
    portalUrl: portalUrl(session.region, env),
    tokenFile: writeSecureFile(actionTempDir(env), 'identity-center-token', session.accessToken)
  }
  core.saveState(SESSION_STATE_KEY, JSON.stringify(saved))
}
