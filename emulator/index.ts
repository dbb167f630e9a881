import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { RequestListener, Server } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { Server as TlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { issuerUrl } from './account-issuer/handler.js'
import { createIssuerKeyStore } from './account-issuer/keys.js'
import { createFaultInjector } from './faults/injector.js'
import type { Hold } from './faults/holds.js'
import { discoveryUrl } from './github/handler.js'
import { generateSigningKeys } from './github/keys.js'
import { tokenSecrets } from './identity-center/tokens.js'
import { SERVICES } from './registry.js'
import { createRequestListener } from './router.js'
import type { RequestLogEntry } from './router.js'
import { defaultScenario, mergeScenario } from './scenario.js'
import type { Scenario, ScenarioOverrides } from './scenario.js'
import type { EmulatorContext, Issued } from './service.js'
import { createTokenVerifier } from './sts/token-verifier.js'

export type { IssuedCredentials } from './iam/credentials.js'
export type { IdentityCenterToken } from './identity-center/tokens.js'
export type { EndpointFaults, Fault, FaultKind, FaultMap } from './faults/fault-map.js'
export type { Hold } from './faults/holds.js'
export type { RequestLogEntry } from './router.js'
export type { Scenario, ScenarioOverrides } from './scenario.js'
export { defaultScenario }

export interface EmulatorOptions {
  // Serves the clients' endpoints (env) over HTTPS with this key and certificate as well; the
  // issuer and its JWKS stay on plain HTTP, where the emulator's own verifier fetches them.
  tls?: { key: string; cert: string }
}

export interface Emulator {
  url: string
  // Where the env sends clients: the HTTPS address with the tls option, else url.
  clientUrl: string
  env: Record<string, string>
  log: RequestLogEntry[]
  issued: Issued
  secrets(): string[]
  // The account's outbound identity federation issuer (the `iss` of its GetWebIdentityToken JWTs),
  // under which /.well-known/openid-configuration and /.well-known/jwks.json are served.
  issuerUrlOf(accountId: string): string
  scenario: Scenario
  // Merges over the default scenario, not the current one, so that tests never inherit state.
  setScenario(overrides: ScenarioOverrides): void
  // Holds the next request to "<service>:<Action>" (or "<service>:*") until release(), for a test
  // that acts between its arrival and its answer; setScenario forgets holds not yet used.
  holdNext(key: string): Hold
  resetLog(): void
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'

export async function startEmulator(
  overrides?: ScenarioOverrides,
  options: EmulatorOptions = {}
): Promise<Emulator> {
  let scenario = mergeScenario(defaultScenario, overrides)
  const server = createServer()
  const url = `http://${LOOPBACK}:${await listen(server)}`
  const log: RequestLogEntry[] = []
  const issued: Issued = {
    idTokens: [],
    credentials: [],
    identityCenterTokens: [],
    webIdentityTokens: []
  }
  const internalHeader = { name: 'x-emulator-internal', value: randomUUID() }
  const faults = createFaultInjector(() => scenario.faults)
  const issuerUrlOf = (accountId: string) => issuerUrl(url, accountId)
  const context: EmulatorContext = {
    baseUrl: url,
    scenario: () => scenario,
    issued,
    githubKeys: await generateSigningKeys(),
    issuerKeys: createIssuerKeyStore(),
    tokenVerifier: () =>
      createTokenVerifier(discoveryUrl(url), { [internalHeader.name]: internalHeader.value })
  }

  const listener: RequestListener = createRequestListener({ context, log, faults, internalHeader })
  server.on('request', listener)
  const tlsServer = options.tls ? createTlsServer(options.tls, listener) : undefined
  const clientUrl = tlsServer ? `https://${LOOPBACK}:${await listen(tlsServer)}` : url

  return {
    url,
    clientUrl,
    get env() {
      const vars = SERVICES.map((s) => s.env?.(`${clientUrl}${s.prefix}`, scenario))
      return Object.assign({}, ...vars) as Record<string, string>
    },
    log,
    issued,
    secrets: () => [
      scenario.github.requestToken,
      scenario.containerCredentials.authorizationToken,
      ...issued.idTokens,
      ...issued.credentials.flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken]),
      ...issued.identityCenterTokens.flatMap(tokenSecrets),
      ...issued.webIdentityTokens
    ],
    issuerUrlOf,
    get scenario() {
      return scenario
    },
    setScenario(next) {
      scenario = mergeScenario(defaultScenario, next)
      faults.reset()
    },
    holdNext: (key) => faults.holdNext(key),
    resetLog() {
      log.length = 0
    },
    close: async () => {
      if (tlsServer) await close(tlsServer)
      await close(server)
    }
  }
}

function listen(server: Server | TlsServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function close(server: Server | TlsServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    // Keep-alive sockets held by SDK clients would otherwise keep close() waiting.
    server.closeAllConnections()
  })
}
