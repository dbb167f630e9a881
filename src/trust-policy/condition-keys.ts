// The condition keys IAM puts in the request context of AssumeRoleWithWebIdentity, from a token's
// claims. A claim that is not among them is not in the context at all, so a condition on it is
// decided as for an absent key, whatever the token carries.
//
// Every OIDC provider: `aud` and `sub` (IAM User Guide, "Available keys for AWS web identity
// federation", reference_policies_iam-condition-keys.html#condition-keys-wif). IAM takes `:aud`
// from the token's `azp` claim when it has one, else from `aud`.
// The GitHub Actions issuer also: actor, actor_id, job_workflow_ref, repository, repository_id,
// workflow, ref, environment, enterprise_id (AWS What's New, 2026-02-02, "AWS STS now supports
// validation of select identity provider specific claims from Google, GitHub, CircleCI and OCI",
// https://aws.amazon.com/about-aws/whats-new/2026/01/aws-sts-supports-validation-identity-provider-claims/).
// That announcement names github.com's issuer; GitHub Enterprise Server issuers
// (HOST/_services/token) are given the standard keys only until AWS says otherwise.

const STANDARD_CLAIMS = ['aud', 'sub'] as const
const GITHUB_CLAIMS = [
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id'
] as const
const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com'

/** Condition keys are case-insensitive in IAM: the context is keyed by the lower-cased key. */
export type ConditionContext = Readonly<Record<string, readonly string[]>>

/** IAM names an OIDC provider by its issuer URL without the scheme; so do its condition keys. */
export function providerId(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '').replace(/\/+$/, '')
}

export function providerArn(partition: string, accountId: string, issuer: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${providerId(issuer)}`
}

/** The claims whose condition keys IAM sets for tokens of this issuer. */
export function evaluatedClaims(issuer: string): readonly string[] {
  const host = providerId(issuer).split('/')[0].toLowerCase()
  return host === GITHUB_ISSUER_HOST ? [...STANDARD_CLAIMS, ...GITHUB_CLAIMS] : STANDARD_CLAIMS
}

/** The request context IAM builds from a token's claims: only the keys it evaluates. */
export function contextFromClaims(
  issuer: string,
  claims: Record<string, unknown>
): ConditionContext {
  const prefix = providerId(issuer).toLowerCase()
  const context: Record<string, string[]> = {}
  for (const claim of evaluatedClaims(issuer)) {
    const source = claim === 'aud' && claims.azp !== undefined ? claims.azp : claims[claim]
    const values = (Array.isArray(source) ? source : [source]).filter(isScalar).map(String)
    if (values.length > 0) context[`${prefix}:${claim}`] = values
  }
  return context
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value)
}
