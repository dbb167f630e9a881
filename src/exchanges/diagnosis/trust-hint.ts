// Builds, from a token's claims, the trust-policy pieces that would accept the job that holds it.
import { providerArn as arnOfProvider, providerId } from '../../trust-policy/condition-keys.js'

/** The IAM condition-key prefix for an issuer: its URL without the scheme. */
export const conditionKeyPrefix = providerId

/** The OIDC provider of the issuer in the role's own account. */
export function providerArn(roleArn: string, issuer: string): string {
  const [, partition, , , account] = roleArn.split(':')
  return arnOfProvider(partition, account, issuer)
}

/** A Condition block that locks both aud and sub to this job's values. */
export function acceptingCondition(issuer: string, aud: string, sub: string): string[] {
  const prefix = conditionKeyPrefix(issuer)
  const block = { StringEquals: { [`${prefix}:aud`]: aud, [`${prefix}:sub`]: sub } }
  return JSON.stringify({ Condition: block }, null, 2).split('\n').slice(1, -1)
}

/** Why a `sub` condition written for a branch does not match this job, when the reason is common. */
export function subjectNote(sub: string): string | undefined {
  const environment = /:environment:([^:]+)$/.exec(sub)
  if (environment) {
    return (
      `This job names the environment "${decoded(environment[1])}", so GitHub sets its sub to ...:environment:NAME ` +
      'instead of ...:ref:refs/heads/BRANCH; a condition on the branch never matches it.'
    )
  }
  if (sub.endsWith(':pull_request')) {
    return 'This job runs for a pull request, so its sub ends in :pull_request and names no branch.'
  }
  if (/^repo:[^/:]+@\d+\/[^:]+@\d+:/.test(sub)) {
    return 'This repository uses the immutable sub form repo:OWNER@OWNER_ID/REPO@REPO_ID:..., which a condition written for repo:OWNER/REPO:... does not match.'
  }
  return undefined
}

/** GitHub percent-encodes some characters of an environment name in sub; a stray % stays as is. */
function decoded(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}
