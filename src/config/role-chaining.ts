import type { InputReader } from './reader.js'
import * as rule from './rules.js'
import type { SessionTagging } from './session-tags.js'

/** AWS caps a session obtained by role chaining at one hour, whatever the role allows. */
export const CHAINED_SESSION_MAX_SECONDS = 3600
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/

export interface RoleChainingInputs extends SessionTagging {
  readonly externalId: string | undefined
}

/**
 * The role-chaining settings, when role-chaining selects that exchange. Takes the common inputs it
 * depends on as already read, so that a bad value there is reported once. The session tags'
 * reader loads only when role-chaining is on: the STS path takes no tags.
 */
export async function readRoleChainingInputs(
  inputs: InputReader,
  common: { readonly durationSeconds: number; readonly unsetCurrentCredentials: boolean },
  env: NodeJS.ProcessEnv
): Promise<RoleChainingInputs | undefined> {
  const { durationSeconds } = common
  const chaining = inputs.check(rule.boolean('role-chaining', inputs.get('role-chaining')), false)
  const externalId = inputs.get('role-external-id') || undefined
  const skipTagging = 'role-skip-session-tagging'
  const skip = inputs.check(rule.boolean(skipTagging, inputs.get(skipTagging)), false)
  const tagging = chaining
    ? (await import('./session-tags.js')).readSessionTagging(inputs, env, skip)
    : refuseTagsOffChain(inputs)
  if (externalId && !EXTERNAL_ID.test(externalId)) {
    inputs.problems.push(
      'Input role-external-id: is not a valid external id; use 2 to 1224 characters from letters, digits and _+=,.@:/-.'
    )
  }
  if (!chaining) {
    if (externalId)
      inputs.problems.push('Input role-external-id: only used with role-chaining: true.')
    return undefined
  }
  if (durationSeconds > CHAINED_SESSION_MAX_SECONDS) {
    inputs.problems.push(
      `Input role-duration-seconds: ${durationSeconds} is longer than AWS allows for role chaining; give at most ${CHAINED_SESSION_MAX_SECONDS}.`
    )
  }
  if (common.unsetCurrentCredentials) {
    inputs.problems.push(
      'Input unset-current-credentials: role-chaining signs with the credentials already set, so they cannot be cleared first.'
    )
  }
  return { externalId, ...tagging }
}

/**
 * Off the role-chaining path: role-skip-session-tagging is taken (a migrated OIDC workflow often
 * sets it, and there are no tags to skip), the other two are refused.
 */
function refuseTagsOffChain(inputs: InputReader): SessionTagging {
  for (const name of ['custom-tags', 'transitive-tag-keys'])
    if (inputs.get(name))
      inputs.problems.push(
        `Input ${name}: session tags go only on the AssumeRole of role-chaining: true; AssumeRoleWithWebIdentity takes the token’s claims as its tags, so put conditions on those.`
      )
  return { sessionTags: [], transitiveTagKeys: [] }
}
