import * as core from '@actions/core'
import { setOutput } from './file-commands.js'
import type { EnvChanges } from './env-changes.js'
import type { OutboundTokenConfig } from '../config/outbound-token.js'
import type { OutboundToken } from '../exchanges/outbound-token.js'
import { actionTempDir, writeSecureFile } from '../state/secure-file.js'
import type { WrittenFileRecord } from '../state/written-files.js'

export const OUTBOUND_TOKEN_FILE_VARIABLE = 'KEYLESS_AWS_WEB_IDENTITY_TOKEN_FILE'

/** Writes the token file first, so that a failure there leaves nothing exported. */
export function writeOutboundTokenFile(
  token: OutboundToken,
  settings: OutboundTokenConfig,
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord
): string | undefined {
  if (!settings.toFile) return undefined
  const path = writeSecureFile(actionTempDir(env), 'web-identity-token', token.jwt)
  files.add(path)
  return path
}

export function publishOutboundToken(
  token: OutboundToken,
  file: string | undefined,
  changes: EnvChanges
): void {
  setOutput('web-identity-token', token.jwt)
  setOutput('web-identity-token-expiration', token.expiration.toISOString())
  if (file) {
    changes.exportAll({ [OUTBOUND_TOKEN_FILE_VARIABLE]: file })
    setOutput('web-identity-token-file', file)
  }
  core.info(
    `Web identity token for a third party: expires at ${token.expiration.toISOString()}${file ? `, in ${OUTBOUND_TOKEN_FILE_VARIABLE}` : ''}.`
  )
}
