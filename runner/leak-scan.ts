import type { StepResult } from './job.js'

export interface LeakScanOptions {
  /** Output names that may hold a secret (output-credentials: true). */
  readonly secretOutputs?: readonly string[]
}

const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']

/** The forms in which a secret could show up: as is, URL-encoded, escaped as a command value. */
function forms(secret: string): string[] {
  const escaped = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return [...new Set([secret, encodeURIComponent(secret), escaped])]
}

/**
 * Every place a step wrote where a secret may not be. A secret may appear in stdout only in an
 * ::add-mask:: line; in GITHUB_ENV only as the credential variable that carries it; in outputs
 * only under the names allowed; in state only if the step found it in its environment (a
 * previous value that post restores); never in stderr or the summary.
 */
export function findLeaks(
  step: StepResult,
  secrets: readonly string[],
  options: LeakScanOptions = {}
): string[] {
  const leaks: string[] = []
  const incoming = new Set(CREDENTIAL_VARIABLES.map((name) => step.envBefore[name]).filter(Boolean))
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
    for (const [name, value] of Object.entries(step.exported)) {
      if (inText(value) && !(CREDENTIAL_VARIABLES.includes(name) && value === secret)) {
        leaks.push(`${label} in exported variable ${name}`)
      }
    }
    if (inText(step.files.state) && !incoming.has(secret)) leaks.push(`${label} in the saved state`)
  }
  return leaks
}
