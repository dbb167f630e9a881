import type { InputReader } from './reader.js'

const STATIC_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']

/**
 * Long-lived keys are what this action exists to remove: refused, with the way to OIDC. The values
 * are never shown (they usually come from secrets, which the runner masks anyway).
 */
export function refuseStaticKeys(inputs: InputReader): void {
  const given = STATIC_KEY_INPUTS.filter((name) => inputs.get(name))
  if (given.length === 0) return
  inputs.problems.push(
    `Input ${given.join(', ')}: keyless-aws takes no long-lived AWS keys. Instead: (1) create the IAM OIDC provider for ` +
      'token.actions.githubusercontent.com in the account; (2) create a role whose trust policy accepts this repository’s sub and aud; ' +
      '(3) give the job `permissions: id-token: write` and the role in role-to-assume. See “Set up AWS once” in the README.'
  )
}
