import * as core from '@actions/core'
import type { EnvChanges } from './env-changes.js'
import type { PublishUndo } from './undo.js'
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
  return writeSecureFile(actionTempDir(env), 'web-identity-token', token.jwt, (path) =>
    files.add(path)
  )
}

export function publishOutboundToken(
  token: OutboundToken,
  file: string | undefined,
  changes: EnvChanges,
  undo: PublishUndo
): void {
  undo.setOutput('web-identity-token', token.jwt)
  undo.setOutput('web-identity-token-expiration', token.expiration.toISOString())
  if (file) {
    undo.exportAll(changes, { [OUTBOUND_TOKEN_FILE_VARIABLE]: file })
    undo.setOutput('web-identity-token-file', file)
  }
  core.info(
    `Web identity token for a third party: expires at ${token.expiration.toISOString()}${file ? `, in ${OUTBOUND_TOKEN_FILE_VARIABLE}` : ''}.`
  )
}
