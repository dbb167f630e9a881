import type { InputReader } from './reader.js'
import * as rule from './rules.js'

/** Roles in role-profiles, at most: each is a request to STS (four at a time). */
export const MAX_ROLE_PROFILES = 20

// What the AWS CLI and SDKs accept between the brackets of a section header, without quoting.
const PROFILE_NAME = /^[\w+=,.@-]{1,64}$/

export interface RoleProfile {
  readonly profile: string
  readonly roleArn: string
}

export interface ProfileSettings {
  /** The profile the step's credentials go into, instead of the credential variables. */
  readonly awsProfile: string | undefined
  /** More roles, assumed with the same token, each written as its own profile. */
  readonly roleProfiles: readonly RoleProfile[]
  /** Profiles get a credential_process that exchanges a fresh token whenever the SDK asks. */
  readonly selfRefreshing: boolean
  /** overwrite-aws-profile: aws-profile may replace a profile of that name already in force. */
  readonly overwriteAwsProfile: boolean
  /**
   * aws-profile-as-default: aws-profile's credentials are also what later steps get when they
   * name no profile. Off by default, as with configure-aws-credentials, except with
   * self-refreshing, whose point is the job's own identity.
   */
  readonly awsProfileAsDefault: boolean
}

export function readProfileSettings(
  inputs: InputReader,
  platform: NodeJS.Platform = process.platform
): ProfileSettings {
  const given = inputs.get('aws-profile')
  const awsProfile = given ? checkName(inputs, 'aws-profile', given) : undefined
  const roleProfiles = readRoleProfiles(inputs)
  const names = [...(awsProfile ? [awsProfile] : []), ...roleProfiles.map((r) => r.profile)]
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    inputs.problems.push(
      `Inputs aws-profile and role-profiles: the profile ${name} is named more than once; give each role its own profile.`
    )
  }
  const selfRefreshing = inputs.check(
    rule.boolean('self-refreshing', inputs.get('self-refreshing')),
    false
  )
  // The command line is quoted for a POSIX shell, which the CLI and SDKs use everywhere but Windows.
  if (selfRefreshing && platform === 'win32') {
    inputs.problems.push(
      'Input self-refreshing: works on Linux and macOS runners, not on Windows; on Windows raise role-duration-seconds instead.'
    )
  }
  if (selfRefreshing && names.length === 0) {
    inputs.problems.push(
      'Input self-refreshing: works through a profile; give aws-profile (or role-profiles) too.'
    )
  }
  const overwriteAwsProfile = inputs.check(
    rule.boolean('overwrite-aws-profile', inputs.get('overwrite-aws-profile')),
    false
  )
  const asDefault = inputs.get('aws-profile-as-default')
  const awsProfileAsDefault = asDefault
    ? inputs.check(rule.boolean('aws-profile-as-default', asDefault), false)
    : selfRefreshing && !!awsProfile
  if (awsProfileAsDefault && !given) {
    inputs.problems.push(
      'Input aws-profile-as-default: makes the credentials of aws-profile the default, and aws-profile is empty; give aws-profile too.'
    )
  }
  return { awsProfile, roleProfiles, selfRefreshing, overwriteAwsProfile, awsProfileAsDefault }
}

/** Lines of `profile = role ARN`; blank lines and lines starting with # are skipped. */
function readRoleProfiles(inputs: InputReader): RoleProfile[] {
  const pairs: RoleProfile[] = []
  const lines = inputs
    .get('role-profiles')
    .split('\n')
    .map((l) => l.trim())
  for (const line of lines.filter((l) => l && !l.startsWith('#'))) {
    const at = line.indexOf('=')
    if (at < 0) {
      inputs.problems.push(
        `Input role-profiles: ${JSON.stringify(line)} is not a pair; write one PROFILE = ROLE_ARN per line.`
      )
      continue
    }
    const profile = checkName(inputs, 'role-profiles', line.slice(0, at).trim())
    const roleArn = inputs.check(rule.roleArn('role-profiles', line.slice(at + 1).trim()), '')
    if (profile && roleArn) pairs.push({ profile, roleArn })
  }
  if (pairs.length > MAX_ROLE_PROFILES) {
    inputs.problems.push(
      `Input role-profiles: ${pairs.length} roles; give at most ${MAX_ROLE_PROFILES}, one PROFILE = ROLE_ARN per line (or split them over several steps).`
    )
  }
  return pairs
}

function checkName(inputs: InputReader, input: string, name: string): string {
  if (PROFILE_NAME.test(name)) return name
  inputs.problems.push(
    `Input ${input}: ${JSON.stringify(name)} is not a usable profile name; use 1 to 64 letters, digits and _+=,.@-.`
  )
  return ''
}
