import * as core from '@actions/core'
import { decodeJwt } from 'jose'
import { ActionError } from './errors.js'
import { getTokenResponse } from './github-token-request.js'

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
    throw new ActionError(
      ['GitHub OIDC token', 'missing permission id-token: write'],
      PERMISSION_HELP
    )
  }
  return { url, bearer }
}

/** Asks GitHub for an id_token for one audience and masks it before anything else can print it. */
export async function requestIdToken(audience: string, env: NodeJS.ProcessEnv): Promise<IdToken> {
  const { url, bearer } = checkOidcEnvironment(env)
  const target = new URL(`${url}&audience=${encodeURIComponent(audience)}`)
  const layer = `GitHub OIDC token for audience ${audience}`
  let response
  try {
    response = await getTokenResponse(target, bearer)
  } catch (err) {
    throw new ActionError(
      [layer, `request to ${target.origin} failed: ${(err as Error).message}`],
      [],
      { cause: err }
    )
  }
  if (response.status !== 200) {
    throw new ActionError([layer, `HTTP ${response.status}: ${response.body.slice(0, 200)}`], [], {
      code: `HTTP ${response.status}`
    })
  }
  const jwt = parseValue(response.body)
  if (!jwt) throw new ActionError([layer, 'the answer has no token in its "value" field'])
  core.setSecret(jwt)
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
    core.warning('The OIDC token could not be decoded; its claims are not shown.')
    return {}
  }
}

/** The claims that trust policies match on, in the order a reader wants them. */
export const TRUST_CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository',
  'repository_owner_id',
  'ref',
  'environment',
  'job_workflow_ref'
] as const

export function showClaims(token: IdToken): void {
  core.startGroup('OIDC token claims that trust policies match on')
  for (const name of TRUST_CLAIMS) {
    const value = token.claims[name]
    if (value !== undefined)
      core.info(`${name.padEnd(20)} ${Array.isArray(value) ? value.join(', ') : String(value)}`)
  }
  core.endGroup()
}
