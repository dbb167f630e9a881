import * as core from '@actions/core'
import type { Config } from '../config/index.js'
import type { Credentials } from '../credentials.js'

const EXCHANGES: Record<Config['exchange'], string> = {
  sts: 'STS AssumeRoleWithWebIdentity',
  'identity-center': 'IAM Identity Center',
  'identity-enhanced': 'IAM Identity Center, identity-enhanced session',
  'role-chaining': 'STS AssumeRole (role chaining)'
}

/** A short table in the job summary: what was obtained, for whom, until when, on which claims. */
export async function writeSummary(
  creds: Credentials,
  config: Config,
  profiles: readonly { profile: string; credentials: Credentials }[] = []
): Promise<void> {
  // The summary is not masked by the runner for values it never saw: hide the account ourselves.
  const shown = (text: string) =>
    config.maskAccountId ? text.replaceAll(creds.accountId, '***') : text
  const claims = creds.acceptedClaims ?? {}
  const rows: (readonly [string, string])[] = [
    ['exchange', EXCHANGES[config.exchange]],
    ['credentials of', shown(creds.principal)],
    ['account', shown(creds.accountId)],
    [
      'session name',
      config.exchange === 'identity-center' ? '(set by Identity Center)' : config.sessionName
    ],
    ['region', config.region],
    ['expires', creds.expiration.toISOString()],
    ...(creds.summaryRows ?? []).map(([what, value]) => [what, shown(value)] as const),
    ...profiles.map((p): [string, string] => [
      `profile ${p.profile}`,
      shown(p.credentials.principal)
    ]),
    ...(['sub', 'aud', 'environment'] as const)
      .filter((claim) => claims[claim] !== undefined)
      .map((claim): [string, string] => [`accepted ${claim}`, String(claims[claim])])
  ]
  await core.summary
    .addHeading('keyless-aws', 3)
    .addTable([
      [
        { data: 'what', header: true },
        { data: 'value', header: true }
      ],
      ...rows.map(([what, value]) => [what, `<code>${escapeHtml(value)}</code>`])
    ])
    .write()
}

/**
 * Text from outside (claims, service answers) for the summary, which GitHub renders as Markdown
 * with HTML. Escaped, and shown only inside <code> or <pre>, where neither Markdown nor mentions
 * are rendered.
 */
export const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
