import { accountIssuerAction } from './account-issuer/handler.js'
import { githubAction } from './github/handler.js'
import type { EmulatorRequest } from './http-message.js'
import { ssoOidcAction } from './identity-center/sso-oidc.js'
import { ssoPortalAction } from './identity-center/sso-portal.js'

// The action of a request, named as its handler will log it, but known before the handler runs
// so that faults keyed "<service>:<Action>" apply ahead of it. A service plugs in with one entry.
const ACTION_OF: Record<string, (request: EmulatorRequest) => string> = {
  github: githubAction,
  sts: queryAction,
  'sso-oidc': ssoOidcAction,
  sso: ssoPortalAction,
  'account-issuer': accountIssuerAction
}

export function actionOf(service: string, request: EmulatorRequest): string {
  return ACTION_OF[service]?.(request) ?? 'Unknown'
}

// awsQuery: `Action` is a form field or, for GET, in the query string; the query string wins,
// as in the STS handler.
function queryAction(request: EmulatorRequest): string {
  const fromQuery = request.url.searchParams.get('Action')
  const fromForm =
    request.method === 'POST' ? new URLSearchParams(request.body).get('Action') : null
  return (fromQuery ?? fromForm) || 'Unknown'
}
