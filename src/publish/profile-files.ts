import { existsSync, readFileSync } from 'node:fs'
import type { Credentials } from '../credentials.js'
import { defaultAwsFile } from '../state/default-aws-files.js'
import { actionTempDir, writeSecureFile } from '../state/secure-file.js'

export interface Profile {
  readonly name: string
  readonly region: string
  /** Written to the credentials file; absent for a profile that gets its credentials from a process. */
  readonly credentials?: Credentials
  /** The command line of a credential_process, written to the config file. */
  readonly credentialProcess?: string
}

export interface ProfileFiles {
  readonly credentialsFile: string
  readonly configFile: string
}

/**
 * Writes the profiles into a new credentials file and a new config file (0600, created
 * exclusively, under RUNNER_TEMP). Profiles of the files in force before (those the variables
 * name, or ~/.aws's) are carried over, so a second step adds its profiles to the first step's and
 * a self-hosted runner keeps its own; a section of the same name is replaced. Earlier files are
 * never changed: post restores the variables to them.
 */
export function writeProfileFiles(
  profiles: readonly Profile[],
  env: NodeJS.ProcessEnv,
  record: (path: string) => void
): ProfileFiles {
  const credentials = sectionsOf(filesInForce(env).credentials)
  const config = sectionsOf(filesInForce(env).config)
  for (const profile of profiles) {
    credentials.delete(profile.name)
    const c = profile.credentials
    if (c)
      credentials.set(profile.name, [
        `aws_access_key_id = ${c.accessKeyId}`,
        `aws_secret_access_key = ${c.secretAccessKey}`,
        `aws_session_token = ${c.sessionToken}`
      ])
    config.set(configHeader(profile.name), [
      `region = ${profile.region}`,
      ...(profile.credentialProcess ? [`credential_process = ${profile.credentialProcess}`] : [])
    ])
  }
  const dir = actionTempDir(env)
  const credentialsFile = writeSecureFile(dir, 'credentials', render(credentials), record)
  const configFile = writeSecureFile(dir, 'config', render(config), record)
  return { credentialsFile, configFile }
}

/** The file in force (credentials, then config) that already has a profile of this name, if any. */
export function fileWithProfile(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const files = filesInForce(env)
  if (sectionsOf(files.credentials).has(name)) return files.credentials
  if (sectionsOf(files.config).has(configHeader(name))) return files.config
  return undefined
}

/** The config file names a profile `profile NAME`, but for default. */
const configHeader = (name: string) => (name === 'default' ? 'default' : `profile ${name}`)

/** The files the AWS CLI and SDKs read now: those the variables name, or ~/.aws's. */
function filesInForce(env: NodeJS.ProcessEnv): { credentials: string; config: string } {
  return {
    credentials:
      env.AWS_SHARED_CREDENTIALS_FILE || defaultAwsFile(env, 'AWS_SHARED_CREDENTIALS_FILE'),
    config: env.AWS_CONFIG_FILE || defaultAwsFile(env, 'AWS_CONFIG_FILE')
  }
}

/** The sections of an INI file as the AWS CLI reads it: header → its lines, in order. */
function sectionsOf(path: string | undefined): Map<string, string[]> {
  const sections = new Map<string, string[]>()
  if (!path || !existsSync(path)) return sections
  let current: string[] | undefined
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line)
    if (header) sections.set(header[1].replace(/\s+/g, ' '), (current = []))
    else if (current && line.trim()) current.push(line)
  }
  return sections
}

function render(sections: Map<string, string[]>): string {
  return [...sections].map(([header, lines]) => `[${header}]\n${lines.join('\n')}\n`).join('\n')
}
