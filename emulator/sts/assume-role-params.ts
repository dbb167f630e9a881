import { lengthViolations, patternViolations } from './constraints.js'
import { parseRoleRequest } from './params.js'
import type { RoleRequest } from './params.js'
import { parseProvidedContexts } from './provided-contexts.js'
import type { ProvidedContext } from './provided-contexts.js'
import { parseSessionTags } from './session-tags.js'
import type { SessionTags } from './session-tags.js'

const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/

export interface AssumeRoleRequest extends RoleRequest {
  externalId: string | undefined
  providedContexts: ProvidedContext[]
  sessionTags: SessionTags
}

// The members role chaining and identity-enhanced sessions use; MFA and source identity are not
// emulated.
export function parseAssumeRoleRequest(params: URLSearchParams): AssumeRoleRequest {
  const externalId = params.get('ExternalId')
  const provided = parseProvidedContexts(params)
  const { violations: tagViolations, ...sessionTags } = parseSessionTags(params)
  const ownViolations = [
    ...lengthViolations({ member: 'externalId', value: externalId, min: 2, max: 1224 }),
    ...patternViolations('externalId', externalId, EXTERNAL_ID_PATTERN, '[\\w+=,.@:\\/-]*'),
    ...provided.violations,
    ...tagViolations
  ]
  return {
    ...parseRoleRequest(params, ownViolations),
    externalId: externalId ?? undefined,
    providedContexts: provided.contexts,
    sessionTags
  }
}
