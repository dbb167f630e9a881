// The check itself: every job's token set decided against the policy, and what is weak in the
// policy and in how the workflows use it.
import { decideForClaimSet } from '../trust-policy/claim-set-decision.js'
import type { Example } from '../trust-policy/claim-set-decision.js'
import { describeClaim, templateVariables } from '../trust-policy/claim-set.js'
import type { ClaimSet, VariableRange } from '../trust-policy/claim-set.js'
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
    example: refused ? refusedClaims(row.claims, refused) : undefined
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

/**
 * The claims of the refused token that the job's set leaves open (a branch of a pattern, an actor
 * the check cannot know), when the deciding conditions or the usual trust claims read them; none
 * when the job's token is known exactly.
 */
function refusedClaims(set: ClaimSet, example: Example): Record<string, string> | undefined {
  const failing = example.decision.conditions.map((c) =>
    c.key.slice(c.key.lastIndexOf(':') + 1).toLowerCase()
  )
  const open = (claim: string) =>
    templateVariables(set.claims[claim] ?? '').some((v) => !isOneName(set.variables[v]))
  const shown = [...new Set([...SHOWN_CLAIMS, ...failing])].filter(
    (claim) => example.claims[claim] !== undefined && open(claim)
  )
  return shown.length > 0 ? Object.fromEntries(shown.map((c) => [c, example.claims[c]])) : undefined
}

const SHOWN_CLAIMS = ['sub', 'aud', 'ref', 'environment', 'job_workflow_ref']

/** A range of one name at most: a single pattern with nothing in it that matches more. */
function isOneName(range: VariableRange | undefined): boolean {
  const [rule, ...more] = range?.rules ?? []
  return rule !== undefined && more.length === 0 && !rule.negated && !/[*?+[\\]/.test(rule.pattern)
}
