import { describe, expect, it } from 'vitest'
import { parseRoleArn } from '../../emulator/iam/role-arn.js'
import { StsError } from '../../emulator/sts/error.js'
import { parseWebIdentityRequest } from '../../emulator/sts/params.js'

const valid = {
  RoleArn: 'arn:aws:iam::111122223333:role/deploy',
  RoleSessionName: 'session',
  WebIdentityToken: 'header.payload.signature'
}

function failure(fields: Record<string, string | undefined>): StsError {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...valid, ...fields })) {
    if (value !== undefined) params.set(key, value)
  }
  try {
    parseWebIdentityRequest(params)
  } catch (error) {
    if (error instanceof StsError) return error
    throw error
  }
  throw new Error('expected the request to be rejected')
}

describe('parseWebIdentityRequest', () => {
  it('accepts a valid request and defaults the duration to 3600', () => {
    const request = parseWebIdentityRequest(new URLSearchParams(valid))
    expect(request.durationSeconds).toBe(3600)
    expect(request.role).toEqual({
      arn: valid.RoleArn,
      partition: 'aws',
      accountId: '111122223333',
      roleName: 'deploy'
    })
  })

  it('collects PolicyArns.member.N.arn in order', () => {
    const params = new URLSearchParams({
      ...valid,
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'PolicyArns.member.2.arn': 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    })
    expect(parseWebIdentityRequest(params).policyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    ])
  })

  const tokenOverLimit = 'a'.repeat(20001)
  const cases: {
    name: string
    fields: Record<string, string | undefined>
    code: string
    message: string
  }[] = [
    {
      name: 'session name with a space',
      fields: { RoleSessionName: 'x y' },
      code: 'ValidationError',
      message:
        "1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\w+=,.@-]*'
    },
    {
      name: 'session name too short',
      fields: { RoleSessionName: 'x' },
      code: 'ValidationError',
      message:
        "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 2'
    },
    {
      name: 'session name too long',
      fields: { RoleSessionName: 's'.repeat(65) },
      code: 'ValidationError',
      message: 'Member must have length less than or equal to 64'
    },
    {
      name: 'missing role ARN',
      fields: { RoleArn: undefined },
      code: 'ValidationError',
      message:
        "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
    },
    {
      name: 'duration below 900',
      fields: { DurationSeconds: '899' },
      code: 'ValidationError',
      message:
        "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    },
    {
      name: 'duration above 43200',
      fields: { DurationSeconds: '43201' },
      code: 'ValidationError',
      message: 'Member must have value less than or equal to 43200'
    },
    {
      name: 'token too long, without echoing it',
      fields: { WebIdentityToken: tokenOverLimit },
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: " +
        'Member must have length less than or equal to 20000'
    },
    {
      name: 'two violations are counted',
      fields: { RoleSessionName: 'a b', DurationSeconds: '60' },
      code: 'ValidationError',
      message: '2 validation errors detected: '
    },
    {
      name: 'not a role ARN',
      fields: { RoleArn: 'arn:aws:iam::111122223333:user/deploy' },
      code: 'ValidationError',
      message: 'Request ARN is invalid'
    },
    {
      name: 'policy too long',
      fields: { Policy: JSON.stringify({ Version: '2012-10-17', Sid: 'x'.repeat(2100) }) },
      code: 'ValidationError',
      message:
        "at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"
    },
    {
      name: 'policy not JSON',
      fields: { Policy: '{"Version": ' },
      code: 'MalformedPolicyDocument',
      message: 'Syntax errors in policy.'
    },
    {
      name: 'eleven policy ARNs',
      fields: Object.fromEntries(
        Array.from({ length: 11 }, (_, i) => [
          `PolicyArns.member.${i + 1}.arn`,
          `arn:aws:iam::aws:policy/P${i}`
        ])
      ),
      code: 'ValidationError',
      message:
        "at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10"
    }
  ]

  it.each(cases)('$name', ({ fields, code, message }) => {
    const error = failure(fields)
    expect(error.code).toBe(code)
    expect(error.status).toBe(400)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain(tokenOverLimit)
  })
})

describe('parseRoleArn', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/deploy', 'aws', 'deploy'],
    ['arn:aws-cn:iam::111122223333:role/path/to/deploy', 'aws-cn', 'deploy'],
    ['arn:aws-us-gov:iam::111122223333:role/a.b@c=d', 'aws-us-gov', 'a.b@c=d']
  ])('%s', (arn, partition, roleName) => {
    expect(parseRoleArn(arn)).toMatchObject({ partition, roleName, accountId: '111122223333' })
  })

  it.each(['arn:aws:iam::1111:role/x', 'arn:aws:sts::111122223333:assumed-role/x/y', 'deploy'])(
    'rejects %s',
    (arn) => {
      expect(parseRoleArn(arn)).toBeUndefined()
    }
  )
})
