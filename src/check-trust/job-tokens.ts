// The tokens each job of the workflows would carry when a keyless-aws step asks for one: for each
// trigger the job runs on (and, for a reusable workflow, each trigger of each caller), the claims
// as a set, ready to be decided against a trust policy.
import { ANY, variable } from '../trust-policy/claim-set.js'
import type { ClaimSet, ClaimTemplate, VariableRange } from '../trust-policy/claim-set.js'
import { limitRuns } from './job-condition.js'
import { assumingSteps, isExpression } from './keyless-steps.js'
import type { AssumingStep } from './keyless-steps.js'
import { fullName, subjectSegment } from './repository.js'
import type { Repository } from './repository.js'
import { callersOf, jobWorkflowRef } from './reusable.js'
import type { TemplateWithVariables } from './reusable.js'
import { encoded, subjectTemplate } from './subject.js'
import { eventsOf, triggerRuns } from './triggers.js'
import type { TriggerRun } from './triggers.js'
import type { WorkflowFile, WorkflowJob } from './workflow-file.js'

export interface TokenOptions {
  readonly repository: Repository
  readonly defaultBranch: string
  /** include_claim_keys of the repository's sub customisation; repo and context by default. */
  readonly subKeys: readonly string[]
}

export interface TokenRow {
  readonly workflow: WorkflowFile
  readonly job: WorkflowJob
  readonly step: AssumingStep
  /** As written in the step: an ARN, or an expression the check cannot resolve. */
  readonly role: string
  readonly run: TriggerRun
  /** For a reusable workflow: the caller's file and job. */
  readonly calledFrom: { readonly workflow: WorkflowFile; readonly job: WorkflowJob } | undefined
  readonly claims: ClaimSet
}

export function tokenRows(workflows: readonly WorkflowFile[], options: TokenOptions): TokenRow[] {
  return workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job) => {
      const steps = assumingSteps(job.steps)
      if (steps.length === 0) return []
      const own = limitRuns(triggerRuns(workflow.on, options.defaultBranch), job.condition).map(
        (run) => ({
          run,
          calledFrom: undefined,
          workflowName: workflow.name ?? workflow.repositoryPath,
          jobWorkflowRef: jobWorkflowRef(workflow, options.repository, undefined, run)
        })
      )
      const called = isReusable(workflow)
        ? callersOf(workflow, workflows, options.repository).flatMap((caller) =>
            limitRuns(
              limitRuns(
                triggerRuns(caller.workflow.on, options.defaultBranch),
                caller.job.condition
              ),
              job.condition
            ).map((run) => ({
              run,
              calledFrom: { workflow: caller.workflow, job: caller.job },
              workflowName: caller.workflow.name ?? caller.workflow.repositoryPath,
              jobWorkflowRef: jobWorkflowRef(workflow, options.repository, caller.ref, run)
            }))
          )
        : []
      return [...own, ...called].flatMap(({ run, calledFrom, workflowName, jobWorkflowRef: jwr }) =>
        steps.flatMap((step) =>
          step.roles.map((role) => ({
            workflow,
            job,
            step,
            role,
            run,
            calledFrom,
            claims: claimSet(run, job, step, workflowName, jwr, options)
          }))
        )
      )
    })
  )
}

export const isReusable = (workflow: WorkflowFile) => 'workflow_call' in eventsOf(workflow.on)

export function claimSet(
  run: TriggerRun,
  job: WorkflowJob,
  step: AssumingStep,
  workflowName: string,
  jobWorkflowRef: TemplateWithVariables,
  options: TokenOptions
): ClaimSet {
  const { repository } = options
  const variables: Record<string, VariableRange> = {
    ...run.variables,
    actor: ANY,
    actor_id: ANY,
    enterprise_id: ANY
  }
  const known = (name: string, value: string | undefined): string | ClaimTemplate => {
    if (value !== undefined && !isExpression(value)) return value
    variables[name] = ANY
    return [variable(name)]
  }
  Object.assign(variables, jobWorkflowRef.variables)
  const environment =
    job.environment === undefined ? undefined : known('environment', job.environment)
  const claims: Record<string, string | ClaimTemplate> = {
    aud: known('aud', step.audience),
    ref: run.ref,
    ...(run.refType ? { ref_type: run.refType } : {}),
    event_name: run.event,
    ...(environment !== undefined ? { environment } : {}),
    repository: fullName(repository),
    repository_owner: repository.owner,
    repository_id: known('repository_id', repository.id),
    repository_owner_id: known('repository_owner_id', repository.ownerId),
    actor: [variable('actor')],
    actor_id: [variable('actor_id')],
    enterprise_id: [variable('enterprise_id')],
    workflow: workflowName,
    job_workflow_ref: jobWorkflowRef.template
  }
  // The environment wins the sub's context whatever the event (OpenID Connect reference).
  const context: ClaimTemplate =
    environment === undefined
      ? run.context
      : [
          'environment:',
          ...(typeof environment === 'string' ? [encoded(environment)] : environment)
        ]
  return {
    claims: {
      ...claims,
      sub: subjectTemplate(options.subKeys, subjectSegment(repository), context, claims)
    },
    variables
  }
}
