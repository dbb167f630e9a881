// Errors shaped as the AWS SDK throws them, as seen against the emulator: an awsQuery service (STS)
// puts the wire code in `Code` and, for a modelled error, names it after its class, which may add
// "Exception"; a restJson one (SSO OIDC, SSO) only names it.
import { STSServiceException } from '@aws-sdk/client-sts'

type ExceptionClass = new (options: {
  message: string
  $metadata: { httpStatusCode: number }
}) => Error

/** A modelled STS error: the class name, and the code the wire carried. */
export function modelledStsError(
  exception: ExceptionClass,
  wireCode: string,
  message: string,
  status = 400
): Error {
  const err = new exception({ message, $metadata: { httpStatusCode: status } })
  return Object.assign(err, { Code: wireCode, Type: 'Sender' })
}

/** An STS error the SDK has no class for (AccessDenied, ValidationError): named by its code. */
export function plainStsError(code: string, message: string, status = 400): Error {
  const err = new STSServiceException({
    name: code,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message
  })
  return Object.assign(err, { Code: code, Type: 'Sender' })
}

/** A restJson error: the class name only; SSO OIDC adds error and error_description. */
export function restJsonError(
  exception: ExceptionClass,
  message: string,
  extra: Record<string, string> = {}
): Error {
  return Object.assign(new exception({ message, $metadata: { httpStatusCode: 400 } }), extra)
}
