import type { SessionIdentityContext } from '../iam/credentials.js'
import type { IdentityCenterToken } from '../identity-center/tokens.js'
import { invalidContextAssertion } from './error.js'
import type { ProvidedContext } from './provided-contexts.js'

export const IDENTITY_CENTER_PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter'
// STS attaches this managed policy to every identity-enhanced session: a Deny with NotAction that
// leaves only the services that honour identity context (its description in the IAM console).
export const IDENTITY_CONTEXT_ALLOW_LIST =
  'arn:aws:iam::aws:policy/AWSIAMIdentityCenterAllowListForIdentityContext'

// What STS learns from the assertions: the real ones are encrypted by STS, so only STS can read
// the user they carry; here the emulator finds the CreateTokenWithIAM answer that held them. The
// messages are the emulator's own: AWS documents the code, not its wording.
export function resolveIdentityContext(
  contexts: readonly ProvidedContext[],
  tokens: readonly IdentityCenterToken[],
  nowMs: number
): SessionIdentityContext {
  const foreign = contexts.find((c) => c.providerArn !== IDENTITY_CENTER_PROVIDER)
  if (foreign) {
    throw invalidContextAssertion(
      `The context provider ${foreign.providerArn} is not a trusted context provider`
    )
  }
  // A session carries sts:identity_context or sts:audit_context, never both (IAM Identity Center
  // User Guide, "Identity-enhanced IAM role sessions").
  if (contexts.length > 1) {
    throw invalidContextAssertion('Only one context assertion per context provider is allowed')
  }
  const [{ contextAssertion }] = contexts
  const token = tokens.find(
    (t) => t.identityContext === contextAssertion || t.auditContext === contextAssertion
  )
  if (!token) throw invalidContextAssertion('The context assertion is not valid')
  if (!token.contextExpiresAt || token.contextExpiresAt.getTime() <= nowMs) {
    throw invalidContextAssertion('The context assertion has expired')
  }
  return {
    providerArn: IDENTITY_CENTER_PROVIDER,
    kind: token.identityContext === contextAssertion ? 'identity' : 'audit',
    userId: token.userId,
    applicationArn: token.applicationArn,
    attachedPolicyArn: IDENTITY_CONTEXT_ALLOW_LIST
  }
}
