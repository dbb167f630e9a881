import * as core from './commands.js'
import { readFileSync, rmSync } from 'node:fs'
import { PROBLEMS } from '../errors/problems.js'
import { isForeignAnswer } from '../errors/foreign-answer.js'
import { proxyRoute } from '../net/proxy-route.js'
import { readProxyInputs } from '../config/proxy-inputs.js'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import { ownFiles } from './own-files.js'

// A hard deadline for the whole sign-out, connecting to the last byte: post must never hang.
const DEADLINE_MS = 5_000

/**
 * Reads the Identity Center session main opened and deletes the file that held its token (which
 * the record of written files lists too, for when this state is damaged). Returns the sign-out
 * itself, for the caller to run last: it waits on the network, and nothing else should wait on it.
 */
export function pendingSignOut(env: NodeJS.ProcessEnv): (() => Promise<void>) | undefined {
  const session = savedState(env, STATE_KEYS.identityCenterSession)
  if (!session) {
    core.debug('post: no Identity Center session to sign out of')
    return undefined
  }
  // Read and deleted only when it is main's: forged state could name any file, and a portal to send it to.
  const why = ownFiles(env)(session.tokenFile)
  if (why) throw new Error(`left ${session.tokenFile} alone and did not sign out: ${why}`)
  let token: string
  try {
    token = readFileSync(session.tokenFile, 'utf8')
  } catch (err) {
    // Main saves the session before it asks for the token, and deletes the file when it signed
    // out itself: either way there is nothing to sign out.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    core.debug(
      'post: the Identity Center session has no token file; main got no token, or signed out itself'
    )
    return undefined
  } finally {
    rmSync(session.tokenFile, { force: true })
  }
  // Created but not yet written when main stopped: there is no token to sign out with.
  if (!token) return undefined
  return async () => {
    const url = new URL(`${session.portalUrl}/logout`)
    const started = Date.now()
    try {
      const { status, contentType } = await postLogout(url, token, env)
      const endpoint = `${url.origin}${url.pathname}`
      core.debug(`post: POST ${endpoint}: HTTP ${status} in ${Date.now() - started} ms`)
      if (isForeignAnswer(status, contentType))
        core.warning(foreignLogout(endpoint, status, contentType), PROBLEMS.cleanupFailed)
      else if (status >= 200 && status < 300)
        core.info('Signed out of the Identity Center session.')
      else
        core.warning(
          `${PROBLEMS.cleanupFailed}: the Identity Center sign-out answered HTTP ${status}; the session ends when its token expires.`,
          PROBLEMS.cleanupFailed
        )
    } catch (err) {
      core.warning(
        `${PROBLEMS.cleanupFailed}: the Identity Center sign-out failed (${(err as Error).message}); the session ends when its token expires.`,
        PROBLEMS.cleanupFailed
      )
    }
  }
}

// A proxy's block page or a captive portal's redirect is not AWS's word: a 200 from one signed
// nothing out. Said as main says it, by endpoint, status and content type; never the body.
function foreignLogout(endpoint: string, status: number, contentType: string): string {
  const type = contentType ? `content type ${JSON.stringify(contentType)}` : 'no content type'
  const never = status >= 300 && status < 400 ? 'AWS never redirects it' : 'AWS answers it in JSON'
  return `${PROBLEMS.cleanupFailed}: the Identity Center sign-out at ${endpoint} got HTTP ${status} with ${type}: something other than AWS answered (${never}), probably a proxy, a firewall or a captive portal. The session ends when its token expires. Check http-proxy / no-proxy and the HTTPS_PROXY / NO_PROXY variables.`
}

// The access portal's Logout: unsigned, the token in a header. Node's own client, loaded only when
// there is a session: loading TLS costs a post step with nothing to sign out a third of its time.
async function postLogout(
  url: URL,
  token: string,
  env: NodeJS.ProcessEnv
): Promise<{ status: number; contentType: string }> {
  const secure = url.protocol !== 'http:'
  const client = secure ? await import('node:https') : await import('node:http')
  // The same proxy as main's requests: the runner hands post the same inputs and variables.
  const route = proxyRoute(readProxyInputs(env), env)
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'x-amz-sso_bearer_token': token, 'content-length': 0 },
        agent: route ? new client.Agent({ proxyEnv: { ...route } }) : undefined
      },
      (response) => {
        response.resume()
        const contentType = response.headers['content-type'] ?? ''
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType }))
        response.on('error', reject)
      }
    )
    // Settled first, so that the reason is the deadline and not the socket's end.
    const deadline = setTimeout(() => {
      reject(new Error(`no complete answer within ${DEADLINE_MS / 1000} s`))
      request.destroy()
    }, DEADLINE_MS)
    request.on('close', () => clearTimeout(deadline))
    request.on('error', reject)
    request.end()
  })
}
