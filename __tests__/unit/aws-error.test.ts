import {
  ExpiredTokenException,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException
} from '@aws-sdk/client-sts'
import { AccessDeniedException } from '@aws-sdk/client-sso-oidc'
import { describe, expect, it } from 'vitest'
import { awsErrorCode } from '../../src/errors/aws-error.js'
import { modelledStsError, plainStsError, restJsonError } from './aws-sdk-errors.js'

describe('awsErrorCode: the code as AWS documents it, whichever field carried it', () => {
  it.each([
    [
      'a modelled STS error whose class adds Exception',
      modelledStsError(MalformedPolicyDocumentException, 'MalformedPolicyDocument', 'x'),
      'MalformedPolicyDocument'
    ],
    [
      'the same class without the wire code',
      new MalformedPolicyDocumentException({ message: 'x', $metadata: {} }),
      'MalformedPolicyDocument'
    ],
    [
      'PackedPolicyTooLarge, by class name only',
      new PackedPolicyTooLargeException({ message: 'x', $metadata: {} }),
      'PackedPolicyTooLarge'
    ],
    [
      'a wire code that ends in Exception too',
      modelledStsError(RegionDisabledException, 'RegionDisabledException', 'x', 403),
      'RegionDisabled'
    ],
    [
      'ExpiredTokenException',
      modelledStsError(ExpiredTokenException, 'ExpiredTokenException', 'x'),
      'ExpiredToken'
    ],
    ['an STS error with no class', plainStsError('AccessDenied', 'x', 403), 'AccessDenied'],
    ['a restJson error, by class name', restJsonError(AccessDeniedException, 'x'), 'AccessDenied'],
    [
      'a code in `code` only (node)',
      Object.assign(new Error('x'), { code: 'ECONNRESET' }),
      'ECONNRESET'
    ],
    [
      'a name other than Error',
      Object.assign(new Error('x'), { name: 'TimeoutError' }),
      'TimeoutError'
    ],
    ['no code at all', new Error('x'), 'Error'],
    ['not an error', undefined, 'Error']
  ])('%s', (_name, err, code) => {
    expect(awsErrorCode(err)).toBe(code)
  })
})
