import type { InputReader } from './reader.js'

export interface SessionPolicies {
  /** The inline session policy, as compact JSON; undefined when none. */
  readonly policy: string | undefined
  readonly policyArns: readonly string[]
}

// STS's own limits: the inline policy and the managed policy ARNs together at most 2048 characters
// of plaintext, at most 10 managed policies.
const MAX_PLAINTEXT = 2048
const MAX_MANAGED = 10
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/

/** Session policies narrow what the session may do; checked here so STS never sees a bad one. */
export function readSessionPolicies(inputs: InputReader): SessionPolicies {
  const inline = inputs.get('inline-session-policy')
  let policy: string | undefined
  if (inline) {
    try {
      const parsed: unknown = JSON.parse(inline)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object')
      policy = JSON.stringify(parsed)
    } catch {
      inputs.problems.push(
        'Input inline-session-policy: is not a JSON policy document; give an object such as {"Version":"2012-10-17","Statement":[...]}.'
      )
    }
  }
  const policyArns = inputs
    .get('managed-session-policies')
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const arn of policyArns.filter((a) => !POLICY_ARN.test(a))) {
    inputs.problems.push(
      `Input managed-session-policies: ${JSON.stringify(arn)} is not a managed policy ARN; give arn:aws:iam::ACCOUNT:policy/NAME, one per line.`
    )
  }
  if (policyArns.length > MAX_MANAGED) {
    inputs.problems.push(
      `Input managed-session-policies: ${policyArns.length} policies; STS takes at most ${MAX_MANAGED}.`
    )
  }
  const plaintext = (policy?.length ?? 0) + policyArns.join('').length
  if (plaintext > MAX_PLAINTEXT) {
    inputs.problems.push(
      `Inputs inline-session-policy and managed-session-policies: ${plaintext} characters together; STS takes at most ${MAX_PLAINTEXT} (the inline policy is counted without white space).`
    )
  }
  return { policy, policyArns }
}
