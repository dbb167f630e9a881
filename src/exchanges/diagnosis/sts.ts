import type { AssumeRoleSettings } from '../../config/index.js'
import { ActionError } from '../../errors/index.js'
import type { IdToken } from '../../token/github.js'
import { PROBLEMS } from '../../errors/problems.js'
import type { Problem } from '../../errors/problems.js'
import { awsUnavailable } from '../../errors/aws-unavailable.js'
import { RetriesExhausted } from '../../retry.js'
import { acceptingCondition, conditionKeyPrefix, providerArn, subjectNote } from './trust-hint.js'

interface Context {
  readonly layer: string
  readonly token: IdToken | undefined
  readonly config: AssumeRoleSettings
}

/** The error code of an SDK error: modelled errors carry it in `name`, others in `Code`. */
export function stsErrorCode(err: unknown): string {
  const e = err as { name?: string; Code?: string; code?: string }
  return e?.Code ?? e?.name ?? e?.code ?? 'Error'
}

interface Diagnosis {
  readonly problem: Problem
  readonly lines: string[]
}

/** Turns an STS failure into a message that says which condition failed and what to change. */
export function explainStsError(err: unknown, ctx: Context): ActionError {
  if (err instanceof RetriesExhausted)
    return awsUnavailable(err, ctx.layer, `STS in ${ctx.config.region}`)
  const code = stsErrorCode(err)
  const message = (err as Error)?.message ?? String(err)
  const { problem, lines } = diagnose(code, message, ctx)
  return new ActionError(problem, [ctx.layer, `${code}: ${message}`], lines, { cause: err, code })
}

const claim = (token: IdToken | undefined, name: string): string => {
  const value = token?.claims[name]
  return Array.isArray(value) ? value.join(',') : String(value ?? '(unknown)')
}

function diagnose(code: string, message: string, ctx: Context): Diagnosis {
  const { token, config } = ctx
  const iss = claim(token, 'iss')
  const aud = claim(token, 'aud')
  const sub = claim(token, 'sub')
  const provider = providerArn(config.roleArn, iss)
  switch (code.replace(/Exception$/, '')) {
    case 'AccessDenied':
      return {
        problem: PROBLEMS.trustPolicyMismatch,
        lines: [
          `The trust policy of ${config.roleArn} did not accept this job's token. The token carried:`,
          `  ${conditionKeyPrefix(iss)}:aud = ${aud}`,
          `  ${conditionKeyPrefix(iss)}:sub = ${sub}`,
          ...optional(subjectNote(sub)),
          `A statement that accepts this job: Principal {"Federated": "${provider}"},`,
          'Action "sts:AssumeRoleWithWebIdentity", and',
          ...acceptingCondition(iss, aud, sub).map((line) => `  ${line}`),
          'If the policy already says this, check that the role name and account are right: STS answers the same for a role that does not exist.'
        ]
      }
    case 'InvalidIdentityToken':
      return invalidToken(message, { iss, aud, provider })
    case 'ExpiredToken':
      return {
        problem: PROBLEMS.tokenExpired,
        lines: [
          'The token had expired when STS checked it, also after fetching a fresh one.',
          "GitHub's tokens live 5 minutes: check the runner's clock (self-hosted runners need NTP)."
        ]
      }
    case 'ValidationError':
      return validation(message)
    case 'MalformedPolicyDocument':
    case 'PackedPolicyTooLarge':
      return {
        problem: PROBLEMS.parameterRejected,
        lines: [
          'STS refused the session policy: check inline-session-policy (valid IAM policy grammar) and managed-session-policies (existing policies), and make them shorter if the message says the packed size is too large.'
        ]
      }
    case 'IDPRejectedClaim':
      return {
        problem: PROBLEMS.tokenNotVerified,
        lines: [
          `STS rejected a claim of the token from ${iss}; the claims are shown in the group above.`
        ]
      }
    case 'RegionDisabled':
      return {
        problem: PROBLEMS.regionDisabled,
        lines: [
          `STS is not activated in ${config.region} for this account: activate it in IAM → Account settings, or choose another aws-region.`
        ]
      }
    default:
      return { problem: PROBLEMS.unexpected, lines: [] }
  }
}

function invalidToken(
  message: string,
  t: { iss: string; aud: string; provider: string }
): Diagnosis {
  if (/audience/i.test(message)) {
    return {
      problem: PROBLEMS.audienceNotRegistered,
      lines: [
        `The IAM OIDC provider ${t.provider} does not list the audience "${t.aud}" that this step asked GitHub for (input audience).`,
        'Set audience to one of the provider’s client IDs, or add this one:',
        `  aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${t.provider} --client-id ${t.aud}`
      ]
    }
  }
  if (/no openidconnect provider/i.test(message)) {
    return {
      problem: PROBLEMS.noOidcProvider,
      lines: [
        `The role's account has no IAM OIDC provider for ${t.iss}. Create it once per account:`,
        `  aws iam create-open-id-connect-provider --url ${t.iss} --client-id-list ${t.aud}`
      ]
    }
  }
  return {
    problem: PROBLEMS.tokenNotVerified,
    lines: [
      `STS could not verify the token against the keys that ${t.iss} publishes; the token was not issued by that issuer, or was altered.`
    ]
  }
}

function validation(message: string): Diagnosis {
  if (/DurationSeconds exceeds/i.test(message)) {
    return {
      problem: PROBLEMS.durationTooLong,
      lines: [
        'Input role-duration-seconds is longer than the role’s maximum session duration: lower it, or raise MaxSessionDuration on the role.'
      ]
    }
  }
  if (/roleSessionName/i.test(message)) {
    return {
      problem: PROBLEMS.parameterRejected,
      lines: ['Check input role-session-name: 2 to 64 characters from letters, digits and _+=,.@-.']
    }
  }
  return {
    problem: PROBLEMS.parameterRejected,
    lines: ['STS refused a parameter: check the inputs named in the message.']
  }
}

const optional = (line: string | undefined): string[] => (line ? [line] : [])
