import type { IssuedCredentials } from './credentials.js'

/**
 * Credentials as IMDS and the container endpoints serve them: the same members, and IMDS adds
 * its Code, Type and LastUpdated.
 */
export function remoteCredentialsJson(
  credentials: IssuedCredentials,
  nowMs: number,
  kind: 'imds' | 'container'
): string {
  const common = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: credentials.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  const imds = {
    Code: 'Success',
    LastUpdated: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Type: 'AWS-HMAC'
  }
  return JSON.stringify(
    kind === 'imds' ? { ...imds, ...common } : { ...common, RoleArn: credentials.roleArn }
  )
}
