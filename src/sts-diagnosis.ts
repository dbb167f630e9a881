import type { StsConfig } from './config.js'
import { ActionError } from './errors.js'
import type { IdToken } from './id-token.js'
import { acceptingCondition, conditionKeyPrefix, providerArn, subjectNote } from './trust-hint.js'

interface Context {
  readonly layer: string
  readonly token: IdToken
  readonly config: StsConfig
}

/** The error code of an SDK error: modelled errors carry it in `name`, others in `Code`. */
export function stsErrorCode(err: unknown): string {
  const e = err as { name?: string; Code?: string; code?: string }
  return e?.Code ?? e?.name ?? e?.code ?? 'Error'
}

const claim = (token: IdToken, name: string): string => {
  const value = token.claims[name]
  return Array.isArray(value) ? value.join(',') : String(value ?? '(absent)')
}

/** Turns an STS failure into a message that says which condition failed and what to change. */
export function explainStsError(err: unknown, ctx: Context): ActionError {
  const code = stsErrorCode(err)
  const message = (err as Error)?.message ?? String(err)
  const layers = [ctx.layer, `${code}: ${message}`]
  return new ActionError(layers, explanation(code, message, ctx), { cause: err, code })
}

function explanation(code: string, message: string, ctx: Context): string[] {
  const { token, config } = ctx
  const iss = claim(token, 'iss')
  const aud = claim(token, 'aud')
  const sub = claim(token, 'sub')
  const provider = providerArn(config.roleArn, iss)
  switch (code) {
    case 'AccessDenied':
      return [
        `The trust policy of ${config.roleArn} did not accept this job's token. The token carried:`,
        `  ${conditionKeyPrefix(iss)}:aud = ${aud}`,
        `  ${conditionKeyPrefix(iss)}:sub = ${sub}`,
        ...optional(subjectNote(sub)),
        `A statement that accepts this job: Principal {"Federated": "${provider}"},`,
        'Action "sts:AssumeRoleWithWebIdentity", and',
        ...acceptingCondition(iss, aud, sub).map((line) => `  ${line}`),
        'If the policy already says this, check that the role name and account are right: STS answers the same for a role that does not exist.'
      ]
    case 'InvalidIdentityToken':
    case 'InvalidIdentityTokenException':
      return invalidToken(message, { iss, aud, provider })
    case 'ExpiredTokenException':
      return [
        'The token had expired when STS checked it, also after fetching a fresh one.',
        "GitHub's tokens live 5 minutes: check the runner's clock (self-hosted runners need NTP)."
      ]
    case 'ValidationError':
      return validation(message)
    case 'IDPRejectedClaim':
    case 'IDPRejectedClaimException':
      return [
        `STS rejected a claim of the token from ${iss}; the claims are shown in the group above.`
      ]
    case 'RegionDisabledException':
      return [
        `STS is not activated in ${config.region} for this account: activate it in IAM → Account settings, or choose another aws-region.`
      ]
    default:
      return []
  }
}

function invalidToken(
  message: string,
  t: { iss: string; aud: string; provider: string }
): string[] {
  if (/audience/i.test(message)) {
    return [
      `The IAM OIDC provider ${t.provider} does not list the audience "${t.aud}" that this step asked GitHub for (input audience).`,
      'Set audience to one of the provider’s client IDs, or add this one:',
      `  aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${t.provider} --client-id ${t.aud}`
    ]
  }
  if (/no openidconnect provider/i.test(message)) {
    return [
      `The role's account has no IAM OIDC provider for ${t.iss}. Create it once per account:`,
      `  aws iam create-open-id-connect-provider --url ${t.iss} --client-id-list ${t.aud}`
    ]
  }
  return [
    `STS could not verify the token against the keys that ${t.iss} publishes; the token was not issued by that issuer, or was altered.`
  ]
}

function validation(message: string): string[] {
  if (/DurationSeconds exceeds/i.test(message)) {
    return [
      'Input role-duration-seconds is longer than the role’s maximum session duration: lower it, or raise MaxSessionDuration on the role.'
    ]
  }
  if (/roleSessionName/i.test(message))
    return ['Check input role-session-name: 2 to 64 characters from letters, digits and _+=,.@-.']
  return ['STS refused a parameter: check the inputs named in the message.']
}

const optional = (line: string | undefined): string[] => (line ? [line] : [])
