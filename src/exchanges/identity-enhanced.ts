import * as core from '@actions/core'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import type { CreateTokenWithIAMCommandOutput } from '@aws-sdk/client-sso-oidc'
import type { IdentityEnhancedConfig } from '../config/index.js'
import { fromAssumedRole } from '../credentials.js'
import type { Credentials, Obtained } from '../credentials.js'
import type { ActionError } from '../errors/index.js'
import { awsErrorCode } from '../errors/aws-error.js'
import { escapeData } from '../errors/escape-data.js'
import { explainAwsError } from './diagnosis/explain.js'
import type { Diagnosis } from './diagnosis/explain.js'
import { PROBLEMS } from '../errors/problems.js'
import { awsClientOptions, stsClientOptions } from '../net/aws-client-options.js'
import { roundTripLog } from '../net/round-trips.js'
import type { AnswerSeen } from '../net/round-trips.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'
import type { IdToken } from '../token/github.js'
import type { TokenSource } from '../token/source.js'
import { explainIdentityCenterError } from './diagnosis/identity-center.js'
import { explainTargetRoleError, IDENTITY_CENTER_PROVIDER } from './diagnosis/identity-enhanced.js'
import type { Exchange } from './exchange.js'
import { readIdentityContext, secretsOf } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { assumeRoleWithWebIdentity } from './sts.js'

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
/** Just what the session needs: an id token (openid) that carries the identity context. */
const SCOPES = ['openid', 'sts:identity_context']
/** The exchange role's credentials serve two signed calls: the shortest session STS grants. */
const EXCHANGE_ROLE_SECONDS = 900
const ALLOW_LIST = 'AWSIAMIdentityCenterAllowListForIdentityContext'

interface IdentityEnhancedOptions {
  readonly config: IdentityEnhancedConfig
  /** Tokens for the audience of the exchange role's trust policy (input audience). */
  readonly stsTokens: TokenSource
  /** Tokens for the application's trusted token issuer (input identity-center-audience). */
  readonly assertions: TokenSource
  readonly retry: RetryPolicy
}

/**
 * Trusted identity propagation: GitHub token → exchange role (STS) → Identity Center id token
 * (CreateTokenWithIAM, signed by the exchange role) → a session of the target role that carries
 * the user's identity context (AssumeRole with ProvidedContexts, signed by the exchange role).
 * The Identity Center tokens are used once and kept nowhere, so post has nothing to sign out.
 */
export class IdentityEnhancedExchange implements Exchange {
  readonly #options: IdentityEnhancedOptions

  constructor(options: IdentityEnhancedOptions) {
    this.#options = options
  }

  async obtain(): Promise<Obtained> {
    const { config, stsTokens, retry } = this.#options
    const exchangeRole = await assumeRoleWithWebIdentity(
      { ...config, durationSeconds: EXCHANGE_ROLE_SECONDS, policy: undefined, policyArns: [] },
      stsTokens,
      retry
    )
    for (const secret of [
      exchangeRole.accessKeyId,
      exchangeRole.secretAccessKey,
      exchangeRole.sessionToken
    ])
      core.setSecret(secret)
    const context = await this.#identityContext(exchangeRole)
    const session = await this.#assumeTarget(exchangeRole, context)
    core.info(
      `Identity-enhanced session for Identity Center user ${escapeData(context.userId)}; ${ALLOW_LIST} limits it to services that honour identity context.`
    )
    const primary: Credentials = {
      ...session,
      acceptedClaims: exchangeRole.acceptedClaims,
      identityCenterUserId: context.userId,
      summaryRows: [
        ['Identity Center user', context.userId],
        ['target role', config.targetRoleArn],
        [
          'limited by',
          `${ALLOW_LIST}, which STS attaches to every identity-enhanced session: only services that honour identity context, not general deploy credentials`
        ]
      ]
    }
    return { primary, profiles: [] }
  }

  async #identityContext(exchangeRole: Credentials): Promise<IdentityContext> {
    const { config, assertions, retry } = this.#options
    const layer = `sso-oauth:CreateTokenWithIAM on ${config.applicationArn}`
    const oidc = new SSOOIDCClient({
      ...awsClientOptions({ ...config, region: config.identityCenterRegion }),
      credentials: exchangeRole
    })
    oidc.middlewareStack.use(roundTripLog())
    let assertion: IdToken | undefined
    let output: CreateTokenWithIAMCommandOutput
    try {
      output = await withRetry(
        'Identity Center CreateTokenWithIAM',
        async (n) => {
          // A retry sends a new assertion: a token's jti may count as used once it reached the service.
          const token = n === 1 ? await assertions.current() : await assertions.fresh()
          assertion = token
          return oidc.send(
            new CreateTokenWithIAMCommand({
              clientId: config.applicationArn,
              grantType: JWT_BEARER,
              assertion: token.jwt,
              scope: SCOPES
            })
          )
        },
        retry
      )
    } catch (err) {
      throw explainTokenError(err, config, assertion).within(layer)
    } finally {
      oidc.destroy()
    }
    for (const secret of secretsOf(output)) core.setSecret(secret)
    return readIdentityContext(output, config.applicationArn, Date.now())
  }

  async #assumeTarget(exchangeRole: Credentials, context: IdentityContext): Promise<Credentials> {
    const { config, retry } = this.#options
    const layer = `sts:AssumeRole on ${config.targetRoleArn} with the identity context`
    const sts = new STSClient({ ...stsClientOptions(config), credentials: exchangeRole })
    let answer: AnswerSeen | undefined
    sts.middlewareStack.use(roundTripLog((seen) => (answer = seen)))
    const command = new AssumeRoleCommand({
      RoleArn: config.targetRoleArn,
      RoleSessionName: config.sessionName,
      DurationSeconds: config.durationSeconds,
      Policy: config.policy,
      PolicyArns: config.policyArns.length ? config.policyArns.map((arn) => ({ arn })) : undefined,
      ProvidedContexts: [
        { ProviderArn: IDENTITY_CENTER_PROVIDER, ContextAssertion: context.assertion }
      ]
    })
    try {
      const output = await withRetry(
        'STS AssumeRole (identity-enhanced)',
        () => sts.send(command),
        retry
      )
      return fromAssumedRole(output, answer)
    } catch (err) {
      throw explainTargetRoleError(err, config).within(layer)
    } finally {
      sts.destroy()
    }
  }
}

/** CreateTokenWithIAM fails as in account-access mode, but for the scope this mode asks for. */
function explainTokenError(
  err: unknown,
  config: IdentityEnhancedConfig,
  assertion: IdToken | undefined
): ActionError {
  if (awsErrorCode(err) !== 'InvalidScope') {
    return explainIdentityCenterError(err, config, assertion)
  }
  const diagnosis: Diagnosis = {
    problem: PROBLEMS.identityContextScopeMissing,
    lines: [
      `The application ${config.applicationArn} does not offer the scopes this mode asks for: ${SCOPES.join(', ')}.`,
      'Both are default scopes of a customer-managed application; an application without sts:identity_context cannot issue an identity context.'
    ]
  }
  const description = (err as { error_description?: string }).error_description
  return explainAwsError(
    err,
    `IAM Identity Center in ${config.identityCenterRegion}`,
    () => diagnosis,
    description ?? '(no description)'
  )
}
