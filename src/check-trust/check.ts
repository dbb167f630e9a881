// The check itself: every job's token set decided against the policy, and what is weak in the
// policy and in how the workflows use it.
import { decideForClaimSet } from '../trust-policy/claim-set-decision.js'
import type { Example } from '../trust-policy/claim-set-decision.js'
import { describeClaim } from '../trust-policy/claim-set.js'
import { providerArn, providerId } from '../trust-policy/condition-keys.js'
import { statementsOf } from '../trust-policy/document.js'
import type { PolicyDocument } from '../trust-policy/document.js'
import { WEB_IDENTITY_ACTION, policyFindings } from '../trust-policy/findings.js'
import { tokenRows } from './job-tokens.js'
import type { TokenOptions, TokenRow } from './job-tokens.js'
import type { CheckReport, Failing, JobResult, Located } from './report.js'
import { workflowFindings } from './workflow-findings.js'
import type { WorkflowFile } from './workflow-file.js'

export interface CheckInput extends TokenOptions {
  readonly policy: PolicyDocument
  readonly workflows: readonly WorkflowFile[]
  /** Only the steps that assume this role; undefined: every step. */
  readonly role: string | undefined
  readonly issuer: string
}

export function checkTrust(input: CheckInput): CheckReport {
  const rows = tokenRows(input.workflows, input).filter(
    (row) => input.role === undefined || row.role === input.role
  )
  const decide = (row: TokenRow, claims = row.claims) =>
    decideForClaimSet(
      input.policy,
      { action: WEB_IDENTITY_ACTION, providerArn: providerFor(row.role, input) },
      input.issuer,
      claims
    )
  const jobs = rows.map((row) => jobResult(row, decide(row), providerFor(row.role, input)))
  const findings: Located[] = [
    ...policyFindings(input.policy, input.issuer),
    ...workflowFindings(rows, input, decide)
  ]
  return { jobs, findings }
}

/** The provider's ARN in the role's account; for a role given by an expression, the one the policy names. */
function providerFor(role: string, input: CheckInput): string {
  const m = /^arn:([\w-]+):iam::(\d{12}):role\//.exec(role)
  if (m) return providerArn(m[1], m[2], input.issuer)
  const suffix = `:oidc-provider/${providerId(input.issuer)}`.toLowerCase()
  const named = statementsOf(input.policy)
    .flatMap((s) =>
      s.Principal === '*' || s.Principal === undefined ? [] : [s.Principal.Federated ?? []].flat()
    )
    .find((arn) => arn.toLowerCase().endsWith(suffix))
  return named ?? providerArn('aws', '000000000000', input.issuer)
}

function jobResult(
  row: TokenRow,
  verdict: ReturnType<typeof decideForClaimSet>,
  provider: string
): JobResult {
  const refused = verdict.refused
  return {
    workflow: row.workflow.path,
    job: row.job.id,
    line: row.job.line,
    event: row.run.event,
    calledFrom: row.calledFrom
      ? `${row.calledFrom.workflow.path}#${row.calledFrom.job.id}`
      : undefined,
    sub: describeClaim(row.claims, 'sub') ?? '',
    aud: describeClaim(row.claims, 'aud') ?? '',
    role: row.role,
    accepted: verdict.all,
    reason: refused && !refused.decision.accepted ? refused.decision.reason : undefined,
    statement: refused?.decision.statement?.index,
    failing: refused ? failingOf(refused, provider) : [],
    example: refused && Object.keys(refused.values).length > 0 ? refusedClaims(refused) : undefined
  }
}

function failingOf(example: Example, provider: string): Failing[] {
  const { decision } = example
  if (decision.accepted) return []
  if (decision.statement === undefined) {
    // No Allow names this provider with this action: that is what fails.
    return [{ key: 'Principal.Federated', operator: 'names', expected: [provider] }]
  }
  return decision.conditions.map((c) => ({
    key: c.key,
    operator: c.operator,
    expected: c.expected
  }))
}

/** The claims of the refused example that the policy can see. */
function refusedClaims(example: Example): Record<string, string> {
  const keys = ['sub', 'aud', 'ref', 'environment', 'job_workflow_ref', 'actor']
  return Object.fromEntries(
    keys.filter((k) => example.claims[k] !== undefined).map((k) => [k, example.claims[k]])
  )
}
