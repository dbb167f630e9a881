import { ActionError } from './errors/index.js'
import { PROBLEMS } from './errors/problems.js'
import { checkCredentials } from './exchanges/answer-check.js'
import type { AnswerOrigin } from './exchanges/answer-check.js'

export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly expiration: Date
  readonly accountId: string
  /** The ARN of the session, arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, when known. */
  readonly arn: string | undefined
  /** Who the credentials act as, for the log: the session ARN or the permission set. */
  readonly principal: string
  /** The claims of the token the exchange accepted, for the job summary; none for role chaining. */
  readonly acceptedClaims?: Readonly<Record<string, unknown>>
  /** The Identity Center user an identity-enhanced session acts as. */
  readonly identityCenterUserId?: string
  /** What the exchange adds to the job summary about these credentials, as [what, value]. */
  readonly summaryRows?: readonly (readonly [string, string])[]
}

/** The credentials of one of role-profiles, under the profile name that role was given. */
export interface NamedCredentials {
  readonly profile: string
  readonly roleArn: string
  readonly credentials: Credentials
}

/** What an exchange obtained, all that publish exports: the step's own credentials and role-profiles'. */
export interface Obtained {
  /** The credentials of role-to-assume (or of Identity Center, or role chaining), if any. */
  readonly primary: Credentials | undefined
  readonly profiles: readonly NamedCredentials[]
}

const ASSUMED_ROLE_ARN = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/[^/]+\/.+$/

/** Reads the account id from an assumed-role ARN, which saves a GetCallerIdentity round trip. */
export function accountIdFromAssumedRoleArn(arn: string): string {
  const match = ASSUMED_ROLE_ARN.exec(arn)
  if (!match) throw new Error(`not an assumed-role ARN: ${arn}`)
  return match[1]
}

/** What AssumeRole and AssumeRoleWithWebIdentity both answer with. */
interface AssumedRoleAnswer {
  readonly Credentials?: {
    AccessKeyId?: string
    SecretAccessKey?: string
    SessionToken?: string
    Expiration?: Date
  }
  readonly AssumedRoleUser?: { Arn?: string }
}

/**
 * The credentials of an assumed-role session, with the account read from its ARN; every field
 * checked, so that an answer no later step could use is refused before anything is exported.
 */
export function fromAssumedRole(
  answer: AssumedRoleAnswer,
  origin: AnswerOrigin | undefined
): Credentials {
  const c = answer.Credentials
  const arn = answer.AssumedRoleUser?.Arn
  const from = origin ?? { who: 'STS' }
  if (!arn || !ASSUMED_ROLE_ARN.test(arn)) {
    throw new ActionError(PROBLEMS.answerNotUsable, [
      `${from.who} answered without an assumed-role ARN${arn ? ` (it has ${JSON.stringify(arn.slice(0, 200))})` : ''}`
    ])
  }
  const checked = checkCredentials(
    {
      accessKeyId: c?.AccessKeyId,
      secretAccessKey: c?.SecretAccessKey,
      sessionToken: c?.SessionToken,
      expiration: c?.Expiration
    },
    from
  )
  return { ...checked, accountId: accountIdFromAssumedRoleArn(arn), arn, principal: arn }
}
