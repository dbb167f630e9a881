import type { FaultMap } from './faults/fault-map.js'
import type { PolicyDocument } from '../src/trust-policy/document.js'
import type { IdentityCenterScenario } from './identity-center/scenario.js'
import type { ImdsScenario } from './imds/handler.js'
import type { ContainerCredentialsScenario } from './container-credentials/handler.js'
import defaultJson from './scenarios/default.json' with { type: 'json' }

export interface JobContext {
  repository: string
  repositoryId: string
  repositoryOwner: string
  repositoryOwnerId: string
  repositoryVisibility: 'public' | 'private' | 'internal'
  ref: string
  refType: 'branch' | 'tag'
  baseRef: string
  headRef: string
  eventName: string
  environment: string | null
  workflow: string
  workflowRef: string
  workflowSha: string
  jobWorkflowRef: string
  jobWorkflowSha: string
  sha: string
  runId: string
  runNumber: string
  runAttempt: string
  actor: string
  actorId: string
  runnerEnvironment: 'github-hosted' | 'self-hosted'
  // "immutable" is the 2026 default for new repositories: repo:OWNER@ID/NAME@ID:...
  subjectFormat: 'classic' | 'immutable'
}

export interface GithubScenario {
  issuer: string
  requestToken: string
  lifetimeSeconds: number
  // Shifts iat/nbf/exp; a value below -lifetimeSeconds yields a token that is already expired.
  clockSkewSeconds: number
  // "rogue" signs with a key that the JWKS never publishes: a forged token.
  signingKey: 'issuer' | 'rogue'
  job: JobContext
}

export interface OidcProvider {
  url: string
  clientIds: string[]
}

export interface RoleDefinition {
  maxSessionDuration: number
  trustPolicy: PolicyDocument
  // IAM actions the role's identity-based policies allow (wildcards as in IAM); none when absent.
  permissions?: string[]
  // The role's own IAM tags: they reach outbound tokens as principal_tags.
  tags?: Record<string, string>
}

export interface AccountDefinition {
  oidcProviders: OidcProvider[]
  roles: Record<string, RoleDefinition>
  // Off when absent, as for a new AWS account (the feature is opt-in).
  outboundIdentityFederation?: { enabled: boolean }
}

export interface Scenario {
  github: GithubScenario
  aws: { accounts: Record<string, AccountDefinition> }
  identityCenter: IdentityCenterScenario
  // The hosts a self-hosted runner may run on, whose credentials role chaining can start from.
  imds: ImdsScenario
  containerCredentials: ContainerCredentialsScenario
  // Per endpoint ("<service>:<Action>" or "<service>:*"); counters restart with every setScenario.
  faults: FaultMap
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T

// Faults are given whole: a partial fault (say, without its status) could not be answered.
export type ScenarioOverrides = DeepPartial<Omit<Scenario, 'faults'>> & { faults?: FaultMap }

export const defaultScenario: Scenario = defaultJson as Scenario

// Objects merge key by key; arrays and scalars replace. The result shares nothing with the inputs,
// so mutating an emulator's scenario can never leak into the default.
export function mergeScenario(base: Scenario, overrides: ScenarioOverrides = {}): Scenario {
  return deepMerge(structuredClone(base), structuredClone(overrides)) as Scenario
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base
  if (!isPlainObject(base) || !isPlainObject(override)) return override
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value)
  return merged
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
