import type { IssuerKeyStore } from './account-issuer/keys.js'
import type { FaultError } from './faults/fault-map.js'
import type { SigningKeys } from './github/keys.js'
import type { EmulatorRequest, Reply } from './http-message.js'
import type { IssuedCredentials } from './iam/credentials.js'
import type { IdentityCenterToken } from './identity-center/tokens.js'
import type { Scenario } from './scenario.js'
import type { TokenVerifier } from './sts/token-verifier.js'

// What the services issue, in order: the leak scan looks for every one of these secrets.
export interface Issued {
  idTokens: string[]
  credentials: IssuedCredentials[]
  // Every CreateTokenWithIAM response, including the access tokens the portal honours.
  identityCenterTokens: IdentityCenterToken[]
  // Every JWT that GetWebIdentityToken returned.
  webIdentityTokens: string[]
}

// What one emulator's services share; each takes what it needs when the emulator starts.
export interface EmulatorContext {
  // The plain-HTTP address, where the issuers and their JWKS live.
  baseUrl: string
  scenario(): Scenario
  issued: Issued
  githubKeys: SigningKeys
  issuerKeys: IssuerKeyStore
  // A verifier of the GitHub issuer's tokens with a key cache of its own, as each AWS service
  // fetches the issuer's keys independently; its fetches stay out of the request log.
  tokenVerifier(): TokenVerifier
}

export type Handler = (request: EmulatorRequest) => Promise<Reply>

export interface ServiceDefinition<Name extends string = string> {
  // How the request log and fault keys ("<name>:<Action>") name the service.
  name: Name
  // The path every request to the service starts with.
  prefix: string
  // The operation a request names, known before the handler runs so that faults apply ahead of it.
  actionOf(request: EmulatorRequest): string
  start(context: EmulatorContext): Handler
  // The variables that point a client at the service, given its endpoint (address and prefix).
  env?(endpoint: string, scenario: Scenario): Record<string, string>
  faultErrors: {
    // What the service answers when its rate limit is exceeded.
    throttling: FaultError
    // An injected error in the service's own format.
    reply(action: string, error: FaultError): Reply
  }
}

// Keeps the literal name, so that the registry's names form a type.
export function defineService<const Name extends string>(
  definition: ServiceDefinition<Name>
): ServiceDefinition<Name> {
  return definition
}
