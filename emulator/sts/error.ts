// An STS fault as the wire carries it: `<Error><Code>` plus the HTTP status.
export class StsError extends Error {
  readonly code: string
  readonly status: number

  constructor(code: string, status: number, message: string) {
    super(message)
    this.name = 'StsError'
    this.code = code
    this.status = status
  }
}

export function invalidIdentityToken(message: string): StsError {
  return new StsError('InvalidIdentityToken', 400, message)
}

export function validationError(message: string): StsError {
  return new StsError('ValidationError', 400, message)
}

// AWS reports every constraint violation of a request at once, counted.
export function constraintViolations(violations: string[]): StsError {
  const count = violations.length
  const noun = count === 1 ? 'error' : 'errors'
  return validationError(`${count} validation ${noun} detected: ${violations.join('; ')}`)
}

export function accessDenied(message: string): StsError {
  return new StsError('AccessDenied', 403, message)
}

// AssumeRole's answer to a context assertion that is malformed, expired, or not from a trusted
// context provider: awsQuery code InvalidContextAssertion, HTTP 400 (@aws-sdk/client-sts 3.1173
// schemas_0.js, InvalidContextAssertionException$; the documentation of AssumeRoleCommand).
export function invalidContextAssertion(message: string): StsError {
  return new StsError('InvalidContextAssertion', 400, message)
}
