// The sub GitHub builds for a job: `repo:REPOSITORY:CONTEXT` by default, or the claims a
// repository's customisation names (include_claim_keys), each as `KEY:VALUE`, joined by `:`
// (docs.github.com, "OpenID Connect reference", customizing the subject claims). A `:` inside a
// value is written %3A.
import type { ClaimTemplate } from '../trust-policy/claim-set.js'

export const DEFAULT_SUB_KEYS = ['repo', 'context'] as const

/** Keys GitHub accepts in include_claim_keys besides repo and context: claims of the token. */
export const SUB_CLAIM_KEYS = new Set([
  'repo',
  'context',
  'actor',
  'actor_id',
  'environment',
  'event_name',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_type',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'repository_visibility',
  'runner_environment',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'enterprise',
  'enterprise_id'
])

export function subjectTemplate(
  keys: readonly string[],
  repoSegment: string,
  context: ClaimTemplate,
  claims: Readonly<Record<string, string | ClaimTemplate>>
): ClaimTemplate {
  const parts: ClaimTemplate[] = keys.flatMap((key): ClaimTemplate[] => {
    if (key === 'repo') return [[`repo:${encoded(repoSegment)}`]]
    if (key === 'context') return [context]
    const value = claims[key]
    if (value === undefined) return []
    return [[`${key}:`, ...(typeof value === 'string' ? [encoded(value)] : value)]]
  })
  return parts.flatMap((part, i) => (i === 0 ? part : [':', ...part]))
}

/** An environment name or other literal value as the sub writes it. */
export function encoded(value: string): string {
  return value.replaceAll(':', '%3A')
}
