import { randomUUID } from 'node:crypto'
import type { GithubScenario, JobContext } from '../scenario.js'

// GitHub's documented example token has nbf ten minutes before iat.
const NOT_BEFORE_LEAD_SECONDS = 600

// The default subject: environment wins, then pull_request, then the ref.
export function subjectFor(job: JobContext): string {
  const repo = `repo:${repositorySegment(job)}`
  if (job.environment !== null) return `${repo}:environment:${encodeColons(job.environment)}`
  if (job.eventName === 'pull_request') return `${repo}:pull_request`
  return `${repo}:ref:${encodeColons(job.ref)}`
}

// GitHub's default audience is the URL of the repository owner.
export function defaultAudience(job: JobContext): string {
  return `https://github.com/${job.repositoryOwner}`
}

export function buildClaims(
  github: GithubScenario,
  audience: string | undefined,
  nowSeconds: number
): Record<string, unknown> {
  const { job } = github
  const iat = nowSeconds + github.clockSkewSeconds
  return {
    jti: randomUUID(),
    sub: subjectFor(job),
    ...(job.environment !== null ? { environment: job.environment } : {}),
    aud: audience || defaultAudience(job),
    ref: job.ref,
    sha: job.sha,
    repository: job.repository,
    repository_owner: job.repositoryOwner,
    repository_owner_id: job.repositoryOwnerId,
    repository_id: job.repositoryId,
    repository_visibility: job.repositoryVisibility,
    run_id: job.runId,
    run_number: job.runNumber,
    run_attempt: job.runAttempt,
    runner_environment: job.runnerEnvironment,
    actor: job.actor,
    actor_id: job.actorId,
    workflow: job.workflow,
    workflow_ref: job.workflowRef,
    workflow_sha: job.workflowSha,
    head_ref: job.headRef,
    base_ref: job.baseRef,
    event_name: job.eventName,
    ref_type: job.refType,
    job_workflow_ref: job.jobWorkflowRef,
    job_workflow_sha: job.jobWorkflowSha,
    iss: github.issuer,
    nbf: iat - NOT_BEFORE_LEAD_SECONDS,
    exp: iat + github.lifetimeSeconds,
    iat
  }
}

function repositorySegment(job: JobContext): string {
  if (job.subjectFormat === 'classic') return job.repository
  const name = job.repository.slice(job.repository.indexOf('/') + 1)
  return `${job.repositoryOwner}@${job.repositoryOwnerId}/${name}@${job.repositoryId}`
}

function encodeColons(value: string): string {
  return value.replaceAll(':', '%3A')
}
