import type { InputReader } from './reader.js'
import * as rule from './rules.js'
import type { SessionTagging } from './session-tags.js'

/** AWS caps a session obtained by role chaining at one hour, whatever the role allows. */
export const CHAINED_SESSION_MAX_SECONDS = 3600
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
const NO_TAGS: SessionTagging = { sessionTags: [], transitiveTagKeys: [] }

export interface RoleChainingInputs extends SessionTagging {
  readonly externalId: string | undefined
}

/**
 * The role-chaining settings, when role-chaining selects that exchange. Takes the common inputs it
 * depends on as already read, so that a bad value there is reported once. The session tags'
 * reader, and its refusal of tags off role chaining, load only when role-chaining or a tag input
 * is given: the STS path takes no tags, and its bytes carry none of that.
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
  const tagging =
    chaining || inputs.get('custom-tags') || inputs.get('transitive-tag-keys')
      ? (await import('./session-tags.js')).readSessionTagging(inputs, env, { chaining, skip })
      : NO_TAGS
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
