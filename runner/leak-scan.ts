import { STATE_KEYS } from '../src/state/keys.js'
import { parseState } from '../src/state/schema.js'
import type { StepResult } from './job.js'

export interface IssuedCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
}

export interface LeakScanOptions {
  /** Output names that may hold a secret (output-credentials: true). */
  readonly secretOutputs?: readonly string[]
  /** Credentials that may be exported, each part under its own variable only. */
  readonly issuedCredentials?: readonly IssuedCredentials[]
}

const CREDENTIAL_FIELDS = {
  AWS_ACCESS_KEY_ID: 'accessKeyId',
  AWS_SECRET_ACCESS_KEY: 'secretAccessKey',
  AWS_SESSION_TOKEN: 'sessionToken'
} as const

/** Whether `value`, exported as `name`, is that part of credentials the action obtained. */
function isOwnPart(name: string, value: string, issued: readonly IssuedCredentials[]): boolean {
  const field = CREDENTIAL_FIELDS[name as keyof typeof CREDENTIAL_FIELDS]
  return field !== undefined && issued.some((c) => c[field] === value)
}

/** A value as a workflow command carries it. */
const escapeData = (value: string) =>
  value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/**
 * The forms in which a secret could show up: as is, URL-encoded, escaped as a command value or as
 * a command property (an annotation's title), HTML-escaped (the job summary), and base64 or
 * base64url encoded (as in a Basic authorization header or a JWT).
 */
function forms(secret: string): string[] {
  const escaped = escapeData(secret)
  const property = escaped.replace(/:/g, '%3A').replace(/,/g, '%2C')
  const html = secret.replace(/[&<>"']/g, (c) => `&${HTML_ENTITIES[c]};`)
  const base64 = Buffer.from(secret).toString('base64').replace(/=+$/, '')
  const base64url = Buffer.from(secret).toString('base64url')
  return [
    ...new Set([secret, encodeURIComponent(secret), escaped, property, html, base64, base64url])
  ]
}

const HTML_ENTITIES: Record<string, string> = {
  '&': 'amp',
  '<': 'lt',
  '>': 'gt',
  '"': 'quot',
  "'": '#39'
}

/**
 * Every place a step wrote where a secret may not be. A secret may appear in files only in those
 * its state declares (post deletes them); in stdout only in an ::add-mask:: line; in GITHUB_ENV
 * only as the part of issued credentials its variable names, once masked; in outputs only under
 * the names allowed; never in state (plain environment in post), stderr or the summary.
 */
export function findLeaks(
  step: StepResult,
  secrets: readonly string[],
  options: LeakScanOptions = {}
): string[] {
  const leaks: string[] = []
  const declared = declaredFiles(step)
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    const label = `${step.entry}: secret ${secret.slice(0, 4)}…(${secret.length} chars)`
    const inText = (text: string) => forms(secret).some((f) => text.includes(f))
    step.stdout.split('\n').forEach((line, i) => {
      if (inText(line) && !line.startsWith('::add-mask::'))
        leaks.push(`${label} in stdout line ${i + 1}`)
    })
    if (inText(step.stderr)) leaks.push(`${label} in stderr`)
    if (inText(step.summary)) leaks.push(`${label} in the step summary`)
    for (const [name, value] of Object.entries(step.outputs)) {
      if (inText(value) && !options.secretOutputs?.includes(name))
        leaks.push(`${label} in output ${name}`)
    }
    const masked = step.masksInForce.includes(secret)
    for (const [name, value] of Object.entries(step.exported)) {
      const own = value === secret && isOwnPart(name, value, options.issuedCredentials ?? [])
      if (inText(value) && !(own && masked)) {
        leaks.push(`${label} in exported variable ${name}${masked ? '' : ' (and never masked)'}`)
      }
    }
    if (inText(step.files.state)) leaks.push(`${label} in the saved state`)
    for (const [path, text] of Object.entries(step.filesWritten)) {
      if (inText(text) && !declared.has(path)) leaks.push(`${label} in file ${path}`)
    }
  }
  return leaks
}

/**
 * The files a step may write secrets into: those its state lists for post to delete (profiles,
 * token files, the Identity Center session's token, the earlier values of the variables it
 * changed). Anything else it wrote must hold none.
 */
function declaredFiles(step: StepResult): Set<string> {
  const saved = step.state[STATE_KEYS.writtenFiles]
  return new Set(saved === undefined ? [] : parseState(STATE_KEYS.writtenFiles, saved))
}

/**
 * Masks that came too late: a value the step masked that it printed, or wrote with a file
 * command, before its ::add-mask:: line. The runner masks only what follows that line, and a
 * step that ends between the write and the mask leaves the value unmasked.
 */
export function findLateMasks(step: StepResult): string[] {
  const lines = step.stdout.split('\n')
  const isMask = (line: string) => line.startsWith('::add-mask::')
  const late: string[] = []
  for (const value of new Set(step.log.masks.filter((m) => m.length > 0))) {
    const label = `${step.entry}: masked value ${value.slice(0, 4)}…(${value.length} chars)`
    const masked = lines.indexOf(`::add-mask::${escapeData(value)}`)
    const printed = lines.findIndex((line) => !isMask(line) && line.includes(value))
    if (printed >= 0 && printed < masked)
      late.push(`${label} printed on stdout line ${printed + 1}, masked on line ${masked + 1}`)
    const written = step.fileCommands.find((w) => w.text.includes(value))
    if (written && written.afterStdoutLines <= masked)
      late.push(`${label} written to GITHUB_${written.file} before its mask on line ${masked + 1}`)
  }
  return late
}
