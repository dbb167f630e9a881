import * as core from '@actions/core'
import { decodeJwt } from 'jose'
import { ActionError, withoutUserinfo } from '../errors/index.js'
import { getTokenResponse } from './github-request.js'
import { TokenHttpError } from './token-http-error.js'
import { PROBLEMS } from '../errors/problems.js'
import { escapeData } from '../errors/escape-data.js'
import type { ProxyRoute } from '../net/proxy-route.js'
import { ForeignAnswer, isForeignAnswer } from '../errors/foreign-answer.js'
import { withRetry } from '../retry.js'
import type { RetryPolicy } from '../retry.js'

export interface IdToken {
  readonly jwt: string
  readonly claims: Readonly<Record<string, unknown>>
}

const PERMISSION_HELP = [
  'The job has no OIDC token endpoint: ACTIONS_ID_TOKEN_REQUEST_URL is not set.',
  'Give the job (or the workflow) this permission:',
  '  permissions:',
  '    id-token: write',
  '    contents: read',
  'Workflows run for pull requests from forks, and Dependabot runs, never get an OIDC token.',
  'See https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect'
]

/** Fails at once, before any request, when the job lacks `permissions: id-token: write`. */
export function checkOidcEnvironment(env: NodeJS.ProcessEnv): { url: string; bearer: string } {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!url || !bearer) {
    throw new ActionError(PROBLEMS.noTokenPermission, ['GitHub OIDC token'], PERMISSION_HELP)
  }
  return { url, bearer }
}

export interface TokenRequest {
  readonly audience: string
  readonly env: NodeJS.ProcessEnv
  readonly retry: RetryPolicy
  readonly timeoutMs: number
  readonly proxy?: ProxyRoute
}

/**
 * Asks GitHub for an id_token for one audience and masks it before anything else can print it.
 * `onSent` is called when the first attempt's request is on the wire, or has failed.
 */
export async function requestIdToken(request: TokenRequest, onSent?: () => void): Promise<IdToken> {
  const { url, bearer } = checkOidcEnvironment(request.env)
  const target = new URL(`${url}&audience=${encodeURIComponent(request.audience)}`)
  const layer = `GitHub OIDC token for audience ${request.audience}`
  // The endpoint without its query: the path names the job; the bearer token is in a header.
  const endpoint = `GET ${target.origin}${target.pathname}`
  core.debug(`token: requesting one for audience ${request.audience} with ${endpoint}`)
  let body: string
  // The line for a token's answer waits until the token is masked: nothing is printed before.
  let answered = ''
  try {
    body = await withRetry(
      layer,
      async () => {
        const started = Date.now()
        const response = await getTokenResponse(
          target,
          bearer,
          request.timeoutMs,
          request.proxy,
          onSent
        ).catch((err: unknown) => {
          core.debug(`token: ${endpoint}: no answer after ${Date.now() - started} ms`)
          throw err
        })
        const id = response.requestId ? `, request id ${withoutUserinfo(response.requestId)}` : ''
        answered = `token: ${endpoint}: HTTP ${response.status} in ${Date.now() - started} ms${id}`
        if (isForeignAnswer(response.status, response.contentType)) {
          core.debug(answered)
          throw new ForeignAnswer({
            operation: 'GitHub OIDC token request',
            endpoint: `${target.origin}${target.pathname}`,
            status: response.status,
            contentType: response.contentType,
            expected: 'GitHub'
          })
        }
        if (response.status === 200) return response.body
        core.debug(answered)
        throw new TokenHttpError(response.status, response.body)
      },
      request.retry
    )
  } catch (err) {
    // What to say about a failed request loads only when one has failed.
    const { tokenFailure } = await import('./github-failure.js')
    throw tokenFailure(err, layer, target)
  }
  const jwt = parseValue(body)
  if (jwt) core.setSecret(jwt)
  core.debug(answered)
  if (!jwt)
    throw new ActionError(PROBLEMS.tokenServiceFailing, [
      layer,
      'the answer has no token in its "value" field'
    ])
  return { jwt, claims: decodeClaims(jwt) }
}

function parseValue(body: string): string | undefined {
  try {
    const value = (JSON.parse(body) as { value?: unknown }).value
    return typeof value === 'string' && value.length > 0 ? value : undefined
  } catch {
    return undefined
  }
}

/** Claims are for diagnostics only; a token we cannot decode is still sent, AWS decides. */
function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    return decodeJwt(jwt)
  } catch {
    core.warning(
      `${PROBLEMS.claimsNotDecoded}: the OIDC token could not be decoded; its claims are not shown.`
    )
    return {}
  }
}

/** Seconds until the token expires, by this machine's clock; Infinity when it carries no exp. */
export function secondsLeft(token: IdToken, now = Date.now()): number {
  const exp = token.claims.exp
  return typeof exp === 'number' ? exp - now / 1000 : Infinity
}

/** The claims that trust policies match on, in the order a reader wants them. */
export const TRUST_CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository',
  // The immutable ids: what a trust policy or an Identity Center trusted token issuer should
  // match on, as names can be reused after a rename.
  'repository_id',
  'repository_owner_id',
  'ref',
  'environment',
  'job_workflow_ref'
] as const

export function showClaims(token: IdToken): void {
  // Claims are not secret (the signature is what a token's holder could misuse): all of them here.
  core.debug(`token: claims ${withoutUserinfo(JSON.stringify(token.claims))}`)
  core.startGroup('OIDC token claims that trust policies match on')
  for (const name of TRUST_CLAIMS) {
    const value = token.claims[name]
    if (value !== undefined)
      core.info(
        `${name.padEnd(20)} ${escapeData(Array.isArray(value) ? value.join(', ') : String(value))}`
      )
  }
  core.endGroup()
}
