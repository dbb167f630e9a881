import { dirname, join } from 'node:path'
import type { AssumeRoleSettings, CommonConfig } from '../config/index.js'
import { actionTempDir, writeSecureFile } from '../state/secure-file.js'
import type { WrittenFileRecord } from '../state/written-files.js'

/** What dist/credential-process.js needs to exchange a fresh token for one role. */
export interface RefreshSettings extends AssumeRoleSettings {
  readonly audience: string
  readonly maxAttempts: number
}

/**
 * Writes the settings for one role to a file (0600, under RUNNER_TEMP; no secret but the proxy's
 * password, if any) and returns the credential_process command line that reads it. The node that
 * runs this step runs the process too: the runner keeps it for the whole job.
 */
export function credentialProcessFor(
  config: CommonConfig,
  roleArn: string,
  env: NodeJS.ProcessEnv,
  files: WrittenFileRecord
): string {
  const settings: RefreshSettings = {
    region: config.region,
    roleArn,
    audience: config.audience,
    sessionName: config.sessionName,
    durationSeconds: config.durationSeconds,
    requestTimeoutMs: config.requestTimeoutMs,
    maxAttempts: config.maxAttempts,
    proxy: config.proxy,
    policy: config.policy,
    policyArns: config.policyArns,
    stsEndpoint: config.stsEndpoint
  }
  const file = writeSecureFile(actionTempDir(env), 'refresh', JSON.stringify(settings), (path) =>
    files.add(path)
  )
  // The runner starts main as `node …/dist/main.js`; the entry sits beside it.
  const entry = join(dirname(process.argv[1]), 'credential-process.js')
  return [process.execPath, entry, file].map(quoted).join(' ')
}

/** Both the AWS CLI and the SDKs split the command as a POSIX shell would. */
function quoted(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}
