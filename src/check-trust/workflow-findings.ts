// What is weak in how the workflows use the role: a policy that lets pull requests in where a
// deploy job also assumes the role, one that lets in every branch where the workflow deploys from
// one, an audience shared with the Identity Center issuer or a browser-style one, and steps the
// check could not find or could not decide.
import type { SetDecision } from '../trust-policy/claim-set-decision.js'
import type { ClaimSet } from '../trust-policy/claim-set.js'
import type { Located } from './report.js'
import type { TokenOptions, TokenRow } from './job-tokens.js'
import { claimSet, isReusable } from './job-tokens.js'
import { isExpression } from './keyless-steps.js'
import { callersOf, jobWorkflowRef } from './reusable.js'
import { escapeFilter, triggerRuns } from './triggers.js'
import type { TriggerRun } from './triggers.js'
import type { WorkflowFile } from './workflow-file.js'
import { assumingSteps } from './keyless-steps.js'

interface Context extends TokenOptions {
  readonly workflows: readonly WorkflowFile[]
  readonly role: string | undefined
}

type Decide = (row: TokenRow, claims?: ClaimSet) => SetDecision

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

export function workflowFindings(
  rows: readonly TokenRow[],
  context: Context,
  decide: Decide
): Located[] {
  return [
    ...noSteps(rows, context),
    ...uncalled(context),
    ...pullRequestsWithDeploy(rows, context, decide),
    ...anyBranch(rows, context, decide),
    ...audienceReuse(rows, context)
  ]
}

const at = (row: TokenRow, line = row.step.step.line) => ({ path: row.workflow.path, line })

function noSteps(rows: readonly TokenRow[], context: Context): Located[] {
  if (rows.length > 0) return []
  const which = context.role ? `that assumes ${context.role}` : 'that uses keyless-aws'
  return [
    {
      rule: 'no-matching-steps',
      severity: 'error',
      message: `No step in ${context.workflows.map((w) => w.path).join(', ') || 'the workflows'} ${which}, so nothing was checked.`,
      fix: context.role
        ? 'Give the ARN a step passes as role-to-assume or in role-profiles (steps that name the role with an expression are checked only without --role), or check the workflow files that use the role.'
        : 'Give the workflow files whose steps use keyless-aws with --workflow.'
    }
  ]
}

function uncalled(context: Context): Located[] {
  return context.workflows
    .filter(
      (w) => isReusable(w) && callersOf(w, context.workflows, context.repository).length === 0
    )
    .flatMap((w) => {
      const job = w.jobs.find((j) => assumingSteps(j.steps).length > 0)
      if (!job) return []
      return [
        {
          rule: 'no-caller',
          severity: 'warning' as const,
          workflow: { path: w.path, line: job.line },
          message: `${w.path} is a reusable workflow and no workflow given calls it; its jobs' tokens carry their caller's sub, so they were not checked.`,
          fix: 'Check it together with the workflow files that call it (--workflow for each, or the default .github/workflows).'
        }
      ]
    })
}

/** A job that deploys: it names an environment or runs for something other than a pull request. */
const deploys = (row: TokenRow) =>
  row.job.environment !== undefined || !PULL_REQUEST_EVENTS.has(row.run.event)

function pullRequestsWithDeploy(
  rows: readonly TokenRow[],
  context: Context,
  decide: Decide
): Located[] {
  const deploy = rows.find(deploys)
  if (!deploy) return []
  const [run] = triggerRuns('pull_request', context.defaultBranch)
  const verdict = decide(deploy, synthetic(deploy, run, context))
  if (!verdict.some) return []
  return [
    {
      rule: 'pull-request-and-deploy',
      severity: 'warning',
      workflow: at(deploy),
      message: `The policy accepts pull_request tokens (sub ${verdict.accepted?.claims.sub}), and job ${deploy.job.id} of ${deploy.workflow.path} deploys with the same role (${deploy.role}): the code of a pull request can do what the deploy job does.`,
      fix: 'Give pull-request jobs a role of their own with read-only permissions, and lock this role to the deploy job’s sub (its environment or branch).'
    }
  ]
}

function anyBranch(rows: readonly TokenRow[], context: Context, decide: Decide): Located[] {
  const seen = new Set<string>()
  return rows.flatMap((row) => {
    const branch = row.run.onlyBranch
    const key = `${row.workflow.path}#${row.job.id}`
    if (!branch || seen.has(key)) return []
    seen.add(key)
    const [run] = triggerRuns(
      { push: { branches: ['**', `!${escapeFilter(branch)}`] } },
      context.defaultBranch
    )
    const verdict = decide(row, synthetic(row, run, context))
    if (!verdict.some) return []
    return [
      {
        rule: 'any-branch',
        severity: 'warning' as const,
        workflow: at(row, row.job.line),
        message: `Job ${row.job.id} of ${row.workflow.path} deploys only from ${branch}, but the policy also accepts a push to another branch (e.g. sub ${verdict.accepted?.claims.sub}).`,
        fix: `Lock the sub to the one branch ("repo:${row.claims.claims.repository}:ref:refs/heads/${branch}") or to the job's environment.`
      }
    ]
  })
}

/** The claims a job of the same workflow would carry on another trigger, without an environment. */
function synthetic(row: TokenRow, run: TriggerRun, context: Context): ClaimSet {
  const job = { ...row.job, environment: undefined }
  const name = row.workflow.name ?? row.workflow.repositoryPath
  return claimSet(
    run,
    job,
    row.step,
    name,
    jobWorkflowRef(row.workflow, context.repository, undefined, run),
    context
  )
}

function audienceReuse(rows: readonly TokenRow[], context: Context): Located[] {
  const issuerAudiences = new Set(
    context.workflows.flatMap((w) =>
      w.jobs.flatMap((j) => assumingSteps(j.steps).flatMap((s) => s.identityCenterAudience ?? []))
    )
  )
  const seen = new Set<string>()
  return rows.flatMap((row): Located[] => {
    const audience = row.step.audience
    const key = `${row.workflow.path}:${row.step.step.line}`
    if (seen.has(key) || isExpression(audience)) return []
    seen.add(key)
    if (issuerAudiences.has(audience)) {
      return [
        {
          rule: 'audience-reuse',
          severity: 'error',
          workflow: at(row),
          message: `The step asks for tokens with audience ${audience}, which is also an identity-center-audience: a token meant for the Identity Center issuer is then accepted by STS, and the other way round.`,
          fix: 'Use one audience for STS (audience) and another for the Identity Center trusted token issuer (identity-center-audience), registered on each side only.'
        }
      ]
    }
    if (/^https?:\/\//i.test(audience)) {
      return [
        {
          rule: 'audience-reuse',
          severity: 'error',
          workflow: at(row),
          message: `The step asks for tokens with audience ${audience}, a URL: GitHub gives that kind of audience to every token asked for without one, so other actions' tokens fit this role too.`,
          fix: 'Choose an audience for this AWS path only, e.g. sts.amazonaws.com, in the step and in the policy.'
        }
      ]
    }
    return []
  })
}
