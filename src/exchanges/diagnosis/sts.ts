import type { AssumeRoleSettings } from '../../config/index.js'
import type { ActionError } from '../../errors/index.js'
import type { Diagnosis } from './explain.js'
import { PROBLEMS } from '../../errors/problems.js'
import { DEFAULTS } from '../../config/reader.js'
import { partitionOf } from '../../config/rules.js'
import type { IdToken } from '../../token/github.js'
import { explainAwsError } from './explain.js'
import { stsRequestDiagnosis } from './sts-request.js'
import { acceptingCondition, conditionKeyPrefix, providerArn, subjectNote } from './trust-hint.js'

interface Context {
  /** The token STS was given, when one was read: its claims explain a refusal. */
  readonly token: IdToken | undefined
  readonly config: AssumeRoleSettings
}

/** Turns an AssumeRoleWithWebIdentity failure into a message that says which condition failed and what to change. */
export function explainStsError(err: unknown, ctx: Context): ActionError {
  return explainAwsError(err, `STS in ${ctx.config.region}`, (code, message) =>
    diagnose(code, message, ctx)
  )
}

const claim = (token: IdToken | undefined, name: string): string => {
  const value = token?.claims[name]
  return Array.isArray(value) ? value.join(',') : String(value ?? '(unknown)')
}

function diagnose(code: string, message: string, ctx: Context): Diagnosis | undefined {
  const { token, config } = ctx
  const iss = claim(token, 'iss')
  const aud = claim(token, 'aud')
  const sub = claim(token, 'sub')
  const provider = providerArn(config.roleArn, iss)
  switch (code) {
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
      return invalidToken(message, { iss, aud, provider, region: config.region })
    case 'ExpiredToken':
      return {
        problem: PROBLEMS.tokenExpired,
        lines: [
          'The token had expired when STS checked it, also after fetching a fresh one.',
          "GitHub's tokens live 5 minutes: check the runner's clock (self-hosted runners need NTP)."
        ]
      }
    case 'IDPRejectedClaim':
      return {
        problem: PROBLEMS.tokenNotVerified,
        lines: [
          `STS rejected a claim of the token from ${iss}; the claims are shown in the group above.`
        ]
      }
    default:
      return stsRequestDiagnosis(code, message, config.region)
  }
}

function invalidToken(
  message: string,
  t: { iss: string; aud: string; provider: string; region: string }
): Diagnosis {
  if (/audience/i.test(message)) {
    return {
      problem: PROBLEMS.audienceNotRegistered,
      lines: [
        `The IAM OIDC provider ${t.provider} does not list the audience "${t.aud}" that this step asked GitHub for (input audience).`,
        // The default is the same in every partition, as configure-aws-credentials has it; China's
        // setup guides register the other one.
        ...(partitionOf(t.region) === 'aws-cn' && t.aud === DEFAULTS.audience
          ? [
              `In the China regions the provider's client ID is usually ${CHINA_AUDIENCE}: give audience: ${CHINA_AUDIENCE}.`
            ]
          : []),
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

const CHINA_AUDIENCE = 'sts.amazonaws.com.cn'

const optional = (line: string | undefined): string[] => (line ? [line] : [])
