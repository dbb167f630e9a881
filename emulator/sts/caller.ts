import type { EmulatorRequest } from '../http-message.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { authenticateCaller } from '../sigv4/signed-caller.js'
import type { SignedCaller } from '../sigv4/signed-caller.js'
import { StsError } from './error.js'

// The codes a query-protocol front end (STS, IAM) gives the failures that JSON front ends name
// after the exception; the SDK surfaces them as err.name.
const QUERY_CODES: Record<string, { code: string; message?: string }> = {
  MissingAuthenticationTokenException: {
    code: 'MissingAuthenticationToken',
    message: 'Request is missing Authentication Token'
  },
  IncompleteSignatureException: { code: 'IncompleteSignature' },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch' },
  UnrecognizedClientException: { code: 'InvalidClientTokenId' },
  ExpiredTokenException: { code: 'ExpiredToken' }
}

// The caller of a signed STS operation: a session the emulator issued, with a valid SigV4
// signature for the `sts` signing name, in any region since the emulator stands for every
// regional endpoint.
export function authenticateStsCaller(
  request: EmulatorRequest,
  issued: readonly IssuedCredentials[],
  nowMs: number
): SignedCaller {
  const outcome = authenticateCaller(request, { issued, service: 'sts', nowMs })
  if (outcome.ok) return outcome.caller
  const { code, status, message } = outcome.failure
  const query = QUERY_CODES[code]
  throw new StsError(query?.code ?? code, status, query?.message ?? message)
}
