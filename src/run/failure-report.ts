import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import { ActionError, describeFailure, withoutUserinfo } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'
import { escapeHtml } from '../publish/summary.js'

const ACCOUNT_ID = /\b\d{12}\b/g

export interface FailureContext {
  /** Undefined when the inputs themselves were refused. */
  readonly config: Config | undefined
  /** The trust claims of the tokens obtained before the failure, as ClaimsSeen gives them. */
  readonly claims: readonly [string, string][]
  readonly env: NodeJS.ProcessEnv
}

/**
 * The failure as an error annotation titled with its problem, the step's exit code, and a section
 * of the job summary: what failed, the claims that mattered, and the fix.
 */
export async function reportFailure(err: unknown, context: FailureContext): Promise<void> {
  const problem = err instanceof ActionError ? err.problem : PROBLEMS.unexpected
  const message = describeFailure(err)
  // Publish masks the account, and a failure comes before it: the message is masked here.
  if (context.config?.maskAccountId)
    for (const account of new Set(message.match(ACCOUNT_ID))) core.setSecret(account)
  core.error(message, { title: problem })
  // What core.setFailed does besides printing, which would print the message again untitled.
  process.exitCode = 1
  if (!context.env.GITHUB_STEP_SUMMARY) return
  await writeFailureSummary(err, problem, context).catch((summaryErr: unknown) =>
    core.warning(`The job summary could not be written: ${(summaryErr as Error).message}`)
  )
}

async function writeFailureSummary(
  err: unknown,
  problem: string,
  { config, claims }: FailureContext
): Promise<void> {
  // As on success, the account is hidden when mask-aws-account-id asks; and when the inputs could
  // not be read, so it is not known whether they asked.
  const hideAccounts = config?.maskAccountId ?? true
  const shown = (text: string) => {
    const safe = withoutUserinfo(text)
    return hideAccounts ? safe.replace(ACCOUNT_ID, '***') : safe
  }
  const what =
    err instanceof ActionError ? err.layers.join(': ') : err instanceof Error ? err.message : ''
  const rows: [string, string][] = [
    ['problem', problem],
    ['what failed', what],
    ...(err instanceof ActionError && err.code
      ? [['error code', err.code] as [string, string]]
      : []),
    ...claims.map(([name, value]): [string, string] => [`token ${name}`, value])
  ]
  const fix = [
    ...(err instanceof ActionError ? err.explanation : []),
    `Troubleshooting: "${problem}" in docs/TROUBLESHOOTING.md of keyless-aws.`
  ]
  await core.summary
    .addHeading(`keyless-aws failed: ${escapeHtml(problem)}`, 3)
    .addTable([
      [
        { data: 'what', header: true },
        { data: 'value', header: true }
      ],
      // One line per cell: a blank line would end the table's HTML block in Markdown.
      ...rows.map(([name, value]) => [
        name,
        `<code>${escapeHtml(shown(value).replace(/\s*\n\s*/g, ' '))}</code>`
      ])
    ])
    .addHeading('How to fix it', 4)
    .addRaw(`<pre>${escapeHtml(shown(fix.join('\n')))}</pre>`, true)
    .write()
}
