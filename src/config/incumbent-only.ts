import type { InputReader } from './reader.js'

/**
 * Inputs of configure-aws-credentials (v6.2.3) that keyless-aws does not take, each with what to
 * use instead. Refused only when set to change something: a migrated workflow that spells out the
 * incumbent's default (false, or empty) runs unchanged. The values are not shown: a wrong value is
 * not the problem.
 */
const INSTEAD: Readonly<
  Record<string, { readonly inert: readonly string[]; readonly use: string }>
> = {
  'use-existing-credentials': {
    inert: ['false'],
    use: 'each step gets fresh credentials for the role it names; to reuse an earlier step’s, skip this step with `if:`'
  },
  'special-characters-workaround': {
    inert: ['false'],
    use: 'not needed: the credentials are exported in the runner’s multi-line format, which carries any character; a tool that cannot take them can read a profile (aws-profile)'
  },
  'force-skip-oidc': {
    inert: ['false'],
    use: 'credentials come from the job’s OIDC token unless web-identity-token-file names another token, or role-chaining: true assumes the role with credentials an earlier step set; give one of those two with it'
  }
}

export function refuseIncumbentOnlyInputs(inputs: InputReader): void {
  for (const [name, { inert, use }] of Object.entries(INSTEAD)) {
    const value = inputs.get(name)
    if (name === 'force-skip-oidc' && skipsOidcAnyway(inputs)) continue
    if (value && !inert.includes(value.toLowerCase()))
      inputs.problems.push(`Input ${name}: keyless-aws does not take it; ${use}.`)
  }
}

/**
 * force-skip-oidc: true says what these paths do anyway: neither asks GitHub for a token. The
 * incumbent takes it with web-identity-token-file the same way; other values are checked where
 * these inputs are read.
 */
function skipsOidcAnyway(inputs: InputReader): boolean {
  return !!inputs.get('web-identity-token-file') || inputs.get('role-chaining') === 'true'
}
