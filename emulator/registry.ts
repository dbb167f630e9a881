import {
  ACCOUNT_ISSUER_PREFIX,
  accountIssuerAction,
  handleAccountIssuer,
  issuerUrl
} from './account-issuer/handler.js'
import {
  CONTAINER_CREDENTIALS_PREFIX,
  containerCredentialsAction,
  handleContainerCredentials
} from './container-credentials/handler.js'
import { githubError, restJsonError, ssoOidcError, stsError, textError } from './faults/formats.js'
import { GITHUB_PREFIX, githubAction, handleGithub } from './github/handler.js'
import type { EmulatorRequest } from './http-message.js'
import { createIdTokenSigner } from './identity-center/id-token.js'
import { SSO_OIDC_PREFIX, handleSsoOidc, ssoOidcAction } from './identity-center/sso-oidc.js'
import {
  SSO_PORTAL_PREFIX,
  handleSsoPortal,
  ssoPortalAction
} from './identity-center/sso-portal.js'
import { IMDS_PREFIX, createImdsHandler, imdsAction } from './imds/handler.js'
import { defineService } from './service.js'
import type { EmulatorContext } from './service.js'
import { STS_PREFIX, handleSts, stsAction } from './sts/handler.js'

// Every service the emulator serves, one entry each: the router finds a request's service by its
// prefix, the request log and faults name it by `name`, and the emulator's env points clients at
// it. A new service is a new entry here; a new operation is an entry in its service's handler.
export const SERVICES = [
  defineService({
    name: 'github',
    prefix: GITHUB_PREFIX,
    actionOf: githubAction,
    start: (context) => {
      const service = {
        baseUrl: context.baseUrl,
        keys: context.githubKeys,
        scenario: context.scenario,
        issuedIdTokens: context.issued.idTokens
      }
      return (request) => handleGithub(request, service)
    },
    env: (endpoint, scenario) => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${endpoint}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: scenario.github.requestToken
    }),
    faultErrors: {
      throttling: { status: 429, message: 'API rate limit exceeded' },
      reply: githubError
    }
  }),
  defineService({
    name: 'sts',
    prefix: STS_PREFIX,
    actionOf: stsAction,
    start: (context) => {
      const service = {
        scenario: context.scenario,
        verifier: context.tokenVerifier(),
        issuedCredentials: context.issued.credentials,
        issuerUrl: (accountId: string) => issuerUrl(context.baseUrl, accountId),
        issuerKeys: context.issuerKeys,
        issuedWebIdentityTokens: context.issued.webIdentityTokens,
        identityCenterTokens: context.issued.identityCenterTokens
      }
      return (request) => handleSts(request, service)
    },
    env: (endpoint) => ({ AWS_ENDPOINT_URL_STS: endpoint }),
    faultErrors: {
      throttling: { status: 400, code: 'Throttling', message: 'Rate exceeded' },
      reply: stsError
    }
  }),
  defineService({
    name: 'sso-oidc',
    prefix: SSO_OIDC_PREFIX,
    actionOf: ssoOidcAction,
    start: (context) => {
      const service = {
        ...identityCenterShared(context),
        verifier: context.tokenVerifier(),
        idTokenSigner: createIdTokenSigner()
      }
      return (request) => handleSsoOidc(request, service)
    },
    env: (endpoint) => ({ AWS_ENDPOINT_URL_SSO_OIDC: endpoint }),
    faultErrors: {
      throttling: { status: 400, code: 'SlowDownException', message: 'Rate exceeded' },
      reply: ssoOidcError
    }
  }),
  defineService({
    name: 'sso',
    prefix: SSO_PORTAL_PREFIX,
    actionOf: ssoPortalAction,
    start: (context) => {
      const service = identityCenterShared(context)
      return (request) => handleSsoPortal(request, service)
    },
    env: (endpoint) => ({ AWS_ENDPOINT_URL_SSO: endpoint }),
    faultErrors: {
      throttling: { status: 429, code: 'TooManyRequestsException', message: 'Rate exceeded' },
      reply: restJsonError
    }
  }),
  // The outbound identity federation issuers' discovery and JWKS, fetched by verifiers, not SDKs.
  defineService({
    name: 'account-issuer',
    prefix: ACCOUNT_ISSUER_PREFIX,
    actionOf: accountIssuerAction,
    start: (context) => {
      const service = {
        baseUrl: context.baseUrl,
        scenario: context.scenario,
        keys: context.issuerKeys
      }
      return (request) => handleAccountIssuer(request, service)
    },
    faultErrors: { throttling: { status: 429 }, reply: restJsonError }
  }),
  // Instance metadata: every job points the SDK's IMDS client here, so that no test ever reaches
  // the link-local address of the machine it runs on. The SDK adds /latest itself.
  defineService({
    name: 'imds',
    prefix: IMDS_PREFIX,
    actionOf: imdsAction,
    start: (context) =>
      createImdsHandler({
        scenario: context.scenario,
        issuedCredentials: context.issued.credentials
      }),
    env: (endpoint) => ({
      AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint.slice(0, -IMDS_PREFIX.length)
    }),
    faultErrors: { throttling: { status: 429 }, reply: textError }
  }),
  // Container credentials (ECS, CodeBuild): only a job that sets
  // AWS_CONTAINER_CREDENTIALS_FULL_URI to it uses it.
  defineService({
    name: 'container-credentials',
    prefix: CONTAINER_CREDENTIALS_PREFIX,
    actionOf: containerCredentialsAction,
    start: (context) => {
      const service = { scenario: context.scenario, issuedCredentials: context.issued.credentials }
      return (request) => handleContainerCredentials(request, service)
    },
    faultErrors: { throttling: { status: 429 }, reply: textError }
  })
] as const

export type ServiceName = (typeof SERVICES)[number]['name']
export type Service = (typeof SERVICES)[number]

export function serviceNamed(name: string): Service | undefined {
  return SERVICES.find((service) => service.name === name)
}

export function serviceAt(pathname: string): Service | undefined {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`)
  return SERVICES.find((service) => under(service.prefix))
}

// The action of a request, named as its handler will log it; 'Unknown' for an unknown service.
export function actionOf(service: string, request: EmulatorRequest): string {
  return serviceNamed(service)?.actionOf(request) ?? 'Unknown'
}

// The SSO OIDC and portal handlers share the tokens one issues and the other honours.
function identityCenterShared(context: EmulatorContext) {
  return {
    scenario: context.scenario,
    issuedCredentials: context.issued.credentials,
    tokens: context.issued.identityCenterTokens
  }
}
