import type { InputReader } from './reader.js'

/**
 * Inputs of configure-aws-credentials (v6.2.3) that keyless-aws does not take, each with what to
 * use instead. Refused only when set to change something: a migrated workflow that spells out the
 * incumbent's default (false, 0, empty) runs unchanged. The values are not shown: a wrong value is
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
    use: 'credentials come from the job’s OIDC token or web-identity-token-file only; to assume a role with credentials an earlier step set, use role-chaining: true'
  },
  'sts-endpoint': {
    inert: [],
    use: 'set AWS_ENDPOINT_URL_STS in the job’s env: instead, which keyless-aws, the AWS SDKs and the AWS CLI all read'
  },
  'action-timeout-s': {
    inert: ['0'],
    use: 'each request has its own deadline (request-timeout-seconds) and retries stop within 60 s, so the step is bounded; for a hard limit, give the step timeout-minutes'
  }
}

export function refuseIncumbentOnlyInputs(inputs: InputReader): void {
  for (const [name, { inert, use }] of Object.entries(INSTEAD)) {
    const value = inputs.get(name)
    if (value && !inert.includes(value.toLowerCase()))
      inputs.problems.push(`Input ${name}: keyless-aws does not take it; ${use}.`)
  }
}
