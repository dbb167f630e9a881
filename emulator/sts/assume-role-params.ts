import { lengthViolations, patternViolations } from './constraints.js'
import { parseRoleRequest } from './params.js'
import type { RoleRequest } from './params.js'
import { parseProvidedContexts } from './provided-contexts.js'
import type { ProvidedContext } from './provided-contexts.js'

const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/

export interface AssumeRoleRequest extends RoleRequest {
  externalId: string | undefined
  providedContexts: ProvidedContext[]
}

// The members role chaining and identity-enhanced sessions use; session tags, MFA and source
// identity are not emulated.
export function parseAssumeRoleRequest(params: URLSearchParams): AssumeRoleRequest {
  const externalId = params.get('ExternalId')
  const provided = parseProvidedContexts(params)
  const ownViolations = [
    ...lengthViolations({ member: 'externalId', value: externalId, min: 2, max: 1224 }),
    ...patternViolations('externalId', externalId, EXTERNAL_ID_PATTERN, '[\\w+=,.@:\\/-]*'),
    ...provided.violations
  ]
  return {
    ...parseRoleRequest(params, ownViolations),
    externalId: externalId ?? undefined,
    providedContexts: provided.contexts
  }
}
