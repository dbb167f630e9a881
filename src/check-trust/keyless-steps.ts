// The steps of a job that assume a role with the job's GitHub token: keyless-aws steps, minus
// those that chain from credentials already present or read their token from a file.
import type { WorkflowStep } from './workflow-file.js'

export interface AssumingStep {
  readonly step: WorkflowStep
  /** role-to-assume and every role-profiles role, as written (an expression stays as is). */
  readonly roles: readonly string[]
  /** The audience input as written; sts.amazonaws.com when the step leaves it out. */
  readonly audience: string
  readonly identityCenterAudience: string | undefined
}

const DEFAULT_AUDIENCE = 'sts.amazonaws.com'

/** owner/keyless-aws@ref, or a path inside that repository (owner/keyless-aws/sub@ref). */
export function isKeylessAws(uses: string | undefined): boolean {
  return uses !== undefined && /^[\w.-]+\/keyless-aws(?:\/[^@]*)?@/i.test(uses)
}

export function assumingSteps(steps: readonly WorkflowStep[]): AssumingStep[] {
  return steps.flatMap((step) => {
    if (!isKeylessAws(step.uses)) return []
    const input = (name: string) => step.with[name]?.trim() ?? ''
    if (/^true$/i.test(input('role-chaining')) || input('web-identity-token-file')) return []
    const profiles = input('role-profiles')
      .split('\n')
      .map((line) => line.split('=').slice(1).join('=').trim())
      .filter((arn) => arn !== '')
    const roles = [...(input('role-to-assume') ? [input('role-to-assume')] : []), ...profiles]
    if (roles.length === 0) return []
    return [
      {
        step,
        roles,
        audience: input('audience') || DEFAULT_AUDIENCE,
        identityCenterAudience: input('identity-center-audience') || undefined
      }
    ]
  })
}

export const isExpression = (text: string) => text.includes('${{')
