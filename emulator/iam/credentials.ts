import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { RoleArn } from './role-arn.js'

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
  roleArn: string
  assumedRoleArn: string
  // The OIDC provider's ARN for a session from AssumeRoleWithWebIdentity (aws:FederatedProvider).
  federatedProvider?: string
  // The session policies the request carried, so tests can see what the client sent.
  sessionPolicy?: string
  policyArns?: string[]
  // For a session from AssumeRole: the access key id that signed the request, so tests can tell
  // which credentials a client chained from.
  chainedFrom?: string
  // AssumeRole's session tags (key → value) and which of them are transitive, as the session
  // carries them for aws:PrincipalTag.
  sessionTags?: Record<string, string>
  transitiveTagKeys?: string[]
  // An identity-enhanced session's context, set from AssumeRole's ProvidedContexts.
  identityContext?: SessionIdentityContext
}

export interface SessionIdentityContext {
  providerArn: string
  // Which of the id token's claims the assertion was: sts:identity_context or sts:audit_context.
  kind: 'identity' | 'audit'
  // The Identity Center user the session acts as.
  userId: string
  applicationArn: string
  // The managed policy STS attaches to every such session.
  attachedPolicyArn: string
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
// Real session tokens start with this (base64 of "!\n\torigin_ec").
const SESSION_TOKEN_PREFIX = Buffer.from('!\n\torigin_ec', 'latin1')
// These three bytes encode to "+/+/", so every token exercises URL and form escaping.
const ESCAPE_PROBE = Buffer.from([0xfb, 0xff, 0xbf])
// 12 + 3 + 286 = 301 bytes: not a multiple of 3, so the token ends in "==" padding (404 chars).
const SESSION_TOKEN_RANDOM_BYTES = 286

export function issueCredentials(
  role: RoleArn,
  sessionName: string,
  durationSeconds: number,
  nowMs: number
): IssuedCredentials {
  const sessionToken = Buffer.concat([
    SESSION_TOKEN_PREFIX,
    ESCAPE_PROBE,
    randomBytes(SESSION_TOKEN_RANDOM_BYTES)
  ]).toString('base64')
  return {
    accessKeyId: `ASIA${randomString(UPPER_ALNUM, 16)}`,
    secretAccessKey: randomString(SECRET_ALPHABET, 40),
    sessionToken,
    // STS expirations have whole seconds.
    expiration: new Date(Math.floor(nowMs / 1000) * 1000 + durationSeconds * 1000),
    roleArn: role.arn,
    assumedRoleArn: assumedRoleArn(role, sessionName)
  }
}

// The assumed-role ARN drops the role's path.
export function assumedRoleArn(role: RoleArn, sessionName: string): string {
  return `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`
}

// A role's unique id is fixed for the role's life, so derive it from the ARN rather than at random.
export function assumedRoleId(role: RoleArn, sessionName: string): string {
  const digest = createHash('sha256').update(role.arn).digest()
  const id = Array.from(digest.subarray(0, 16), (b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('')
  return `AROA${id}:${sessionName}`
}

function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}
