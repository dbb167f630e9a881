import { SignJWT } from 'jose'
import { jsonReply } from '../http-message.js'
import type { EmulatorRequest, Reply } from '../http-message.js'
import type { Scenario } from '../scenario.js'
import { buildClaims } from './claims.js'
import type { SigningKeys } from './keys.js'

export interface GithubService {
  baseUrl: string
  keys: SigningKeys
  scenario(): Scenario
  issuedIdTokens: string[]
}

export const GITHUB_PREFIX = '/github'

export async function handleGithub(
  request: EmulatorRequest,
  service: GithubService
): Promise<Reply> {
  const path = request.url.pathname.slice(GITHUB_PREFIX.length)
  const route = ROUTES[path]
  if (!route) return jsonReply('NotFound', 404, { message: 'Not Found' })
  if (request.method !== 'GET')
    return jsonReply(route.action, 405, { message: 'Method Not Allowed' })
  return route.handle(request, service)
}

// Known before the request is handled, so that faults can be keyed on it.
export function githubAction(request: EmulatorRequest): string {
  return ROUTES[request.url.pathname.slice(GITHUB_PREFIX.length)]?.action ?? 'NotFound'
}

interface Route {
  action: string
  handle(request: EmulatorRequest, service: GithubService): Reply | Promise<Reply>
}

const ROUTES: Record<string, Route> = {
  '/token': { action: 'GetIdToken', handle: issueIdToken },
  '/.well-known/openid-configuration': { action: 'Discovery', handle: discovery },
  '/.well-known/jwks': { action: 'JWKS', handle: (_, service) => jwks(service) }
}

export function discoveryUrl(baseUrl: string): string {
  return `${baseUrl}${GITHUB_PREFIX}/.well-known/openid-configuration`
}

async function issueIdToken(request: EmulatorRequest, service: GithubService): Promise<Reply> {
  const { github } = service.scenario()
  const bearer = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]
  if (bearer?.trim() !== github.requestToken) {
    return jsonReply('GetIdToken', 401, { message: 'Bad credentials' })
  }
  const audience = request.url.searchParams.get('audience') ?? undefined
  const claims = buildClaims(github, audience, Math.floor(Date.now() / 1000))
  const { keys } = service
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid, x5t: keys.x5t })
    .sign(github.signingKey === 'rogue' ? keys.rogue : keys.issuer)
  service.issuedIdTokens.push(token)
  return jsonReply('GetIdToken', 200, { count: 1, value: token })
}

const SUPPORTED_CLAIMS =
  'sub aud exp iat iss jti nbf ref sha repository repository_id repository_owner ' +
  'repository_owner_id run_id run_number run_attempt actor actor_id workflow workflow_ref ' +
  'workflow_sha head_ref base_ref event_name ref_type environment job_workflow_ref ' +
  'job_workflow_sha repository_visibility runner_environment'

// Mirrors https://token.actions.githubusercontent.com/.well-known/openid-configuration, except
// that jwks_uri points back at the emulator so that verifiers really fetch it.
function discovery(_: EmulatorRequest, service: GithubService): Reply {
  return jsonReply('Discovery', 200, {
    issuer: service.scenario().github.issuer,
    jwks_uri: `${service.baseUrl}${GITHUB_PREFIX}/.well-known/jwks`,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: SUPPORTED_CLAIMS.split(' '),
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid']
  })
}

function jwks(service: GithubService): Reply {
  return jsonReply('JWKS', 200, service.keys.jwks)
}
