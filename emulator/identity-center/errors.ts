import type { Reply } from '../http-message.js'

// An SSO OIDC fault: the exception name travels in `x-amzn-errortype`, the OAuth error in the
// body as `error` and `error_description` (there is no `message`).
export class OidcError extends Error {
  readonly code: string
  readonly status: number
  readonly error: string
  readonly description: string | undefined

  constructor(code: string, status: number, error: string, description?: string) {
    super(description ?? code)
    this.name = 'OidcError'
    this.code = code
    this.status = status
    this.error = error
    this.description = description
  }
}

export const invalidRequest = (description: string) =>
  new OidcError('InvalidRequestException', 400, 'invalid_request', description)

export const invalidClient = (description: string) =>
  new OidcError('InvalidClientException', 401, 'invalid_client', description)

export const accessDenied = (description?: string) =>
  new OidcError('AccessDeniedException', 400, 'access_denied', description)

export const unsupportedGrantType = (description: string) =>
  new OidcError('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', description)

export const unauthorizedClient = (description: string) =>
  new OidcError('UnauthorizedClientException', 400, 'unauthorized_client', description)

export const invalidGrant = (description: string) =>
  new OidcError('InvalidGrantException', 400, 'invalid_grant', description)

export const invalidScope = (description: string) =>
  new OidcError('InvalidScopeException', 400, 'invalid_scope', description)

export function oidcErrorReply(action: string, error: OidcError, requestId: string): Reply {
  const body =
    error.description === undefined
      ? { error: error.error }
      : { error: error.error, error_description: error.description }
  return jsonReplyWithType(action, error.status, error.code, body, requestId)
}

// Errors of AWS JSON services that are not OAuth errors carry `{"message": ...}`.
export function messageErrorReply(
  action: string,
  status: number,
  code: string,
  message: string,
  requestId: string
): Reply {
  return jsonReplyWithType(action, status, code, { message }, requestId)
}

function jsonReplyWithType(
  action: string,
  status: number,
  code: string,
  body: object,
  requestId: string
): Reply {
  return {
    action,
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId
    },
    body: JSON.stringify(body)
  }
}
