import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import { textReply } from '../http-message.js'
import type { Reply } from '../http-message.js'
import { OidcError, messageErrorReply, oidcErrorReply } from '../identity-center/errors.js'
import { errorResponseXml } from '../sts/xml.js'
import type { FaultError } from './fault-map.js'

// An injected error as each service's own errors look on the wire; each entry of the service
// registry names the one its service uses. A status alone gets the code the service sends for it.

export function githubError(action: string, { status, message, body }: FaultError): Reply {
  return {
    action,
    status,
    headers: {
      // Declared as GitHub declares its answers, so that the client takes the body as GitHub's word.
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': randomUUID()
    },
    body: body ?? JSON.stringify({ message: message ?? statusText(status) })
  }
}

const STS_CODES: Record<number, string> = {
  400: 'Throttling',
  429: 'Throttling',
  500: 'InternalFailure',
  503: 'ServiceUnavailable'
}

const STS_MESSAGES: Record<string, string> = { Throttling: 'Rate exceeded' }

export function stsError(action: string, { status, code, message }: FaultError): Reply {
  const requestId = randomUUID()
  const errorCode = code ?? STS_CODES[status] ?? (status >= 500 ? 'InternalFailure' : 'Throttling')
  const text = message ?? STS_MESSAGES[errorCode] ?? statusText(status)
  return {
    action,
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId },
    body: errorResponseXml(errorCode, text, requestId, status >= 500 ? 'Receiver' : 'Sender')
  }
}

const SSO_OIDC_CODES: Record<number, string> = {
  400: 'InvalidRequestException',
  401: 'InvalidClientException',
  403: 'AccessDeniedException',
  429: 'SlowDownException'
}

// OAuth error names that do not follow from the exception name.
const OAUTH_ERRORS: Record<string, string> = { InternalServerException: 'server_error' }

// restJson with OAuth-style members: the SDK reads the code from x-amzn-errortype and fills the
// exception's `error` and `error_description` from the body.
export function ssoOidcError(action: string, { status, code, message }: FaultError): Reply {
  const errorCode = code ?? SSO_OIDC_CODES[status] ?? jsonServiceCode(status)
  const error = OAUTH_ERRORS[errorCode] ?? snakeCase(errorCode.replace(/Exception$/, ''))
  const fault = new OidcError(errorCode, status, error, message ?? statusText(status))
  return oidcErrorReply(action, fault, randomUUID())
}

const REST_JSON_CODES: Record<number, string> = {
  400: 'InvalidRequestException',
  401: 'UnauthorizedException',
  403: 'UnauthorizedException',
  404: 'ResourceNotFoundException',
  429: 'TooManyRequestsException'
}

export function restJsonError(action: string, { status, code, message }: FaultError): Reply {
  const errorCode = code ?? REST_JSON_CODES[status] ?? jsonServiceCode(status)
  return messageErrorReply(action, status, errorCode, message ?? statusText(status), randomUUID())
}

// IMDS and the container endpoints answer errors in plain text.
export function textError(action: string, { status, message }: FaultError): Reply {
  return textReply(action, status, message ?? statusText(status))
}

function jsonServiceCode(status: number): string {
  if (status === 503) return 'ServiceUnavailableException'
  return status >= 500 ? 'InternalServerException' : 'InvalidRequestException'
}

function snakeCase(name: string): string {
  return name.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toLowerCase()
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`
}
