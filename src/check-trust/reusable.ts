// A job in a reusable workflow gets a token with its caller's sub and ref, and a
// job_workflow_ref naming the reusable workflow at the ref it was called at (docs.github.com,
// "Using OpenID Connect with reusable workflows").
import { rangeOf, variable } from '../trust-policy/claim-set.js'
import type { ClaimTemplate, VariableRange } from '../trust-policy/claim-set.js'
import { fullName } from './repository.js'
import type { Repository } from './repository.js'
import { escapeFilter } from './triggers.js'
import type { TriggerRun } from './triggers.js'
import type { WorkflowFile, WorkflowJob } from './workflow-file.js'

export interface Caller {
  readonly workflow: WorkflowFile
  readonly job: WorkflowJob
  /** The ref in `uses: OWNER/REPO/…@REF`; undefined for a local `./` call (the caller's commit). */
  readonly ref: string | undefined
}

/** The jobs, among the given workflows, that call this one. */
export function callersOf(
  called: WorkflowFile,
  workflows: readonly WorkflowFile[],
  repository: Repository
): Caller[] {
  return workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job): Caller[] => {
      const uses = job.calls
      if (!uses) return []
      if (uses.startsWith('./'))
        return uses.slice(2) === called.repositoryPath ? [{ workflow, job, ref: undefined }] : []
      const at = uses.lastIndexOf('@')
      const target = at < 0 ? uses : uses.slice(0, at)
      const own = `${fullName(repository)}/${called.repositoryPath}`
      return target.toLowerCase() === own.toLowerCase()
        ? [{ workflow, job, ref: uses.slice(at + 1) }]
        : []
    })
  )
}

export interface TemplateWithVariables {
  readonly template: ClaimTemplate
  readonly variables: Readonly<Record<string, VariableRange>>
}

export function jobWorkflowRef(
  called: WorkflowFile,
  repository: Repository,
  ref: string | undefined,
  run: TriggerRun
): TemplateWithVariables {
  const head = `${fullName(repository)}/${called.repositoryPath}@`
  if (ref === undefined) return { template: [head, ...run.ref], variables: {} }
  if (/^[0-9a-f]{40}$/.test(ref)) return { template: [head, ref], variables: {} }
  // A name in `uses:` may be a branch or a tag; GitHub writes the full ref.
  const name = escapeFilter(ref)
  return {
    template: [head, variable('called_ref')],
    variables: { called_ref: rangeOf([`refs/heads/${name}`, `refs/tags/${name}`]) }
  }
}
