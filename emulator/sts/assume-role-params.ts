import { lengthViolations, patternViolations } from './constraints.js'
import { parseRoleRequest } from './params.js'
import type { RoleRequest } from './params.js'

const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/

export interface AssumeRoleRequest extends RoleRequest {
  externalId: string | undefined
}

// The members role chaining uses; session tags, MFA, source identity and provided contexts are
// not emulated.
export function parseAssumeRoleRequest(params: URLSearchParams): AssumeRoleRequest {
  const externalId = params.get('ExternalId')
  const externalIdViolations = [
    ...lengthViolations({ member: 'externalId', value: externalId, min: 2, max: 1224 }),
    ...patternViolations('externalId', externalId, EXTERNAL_ID_PATTERN, '[\\w+=,.@:\\/-]*')
  ]
  return { ...parseRoleRequest(params, externalIdViolations), externalId: externalId ?? undefined }
}
