import type { OutboundTokenConfig } from './outbound-token.js'
import type { InputReader } from './reader.js'

/**
 * The outbound token's reader loads only when one of its inputs says something: an audience,
 * tags, or a signing algorithm that is not offered (which it refuses). Otherwise there is no
 * outbound token, and nothing to refuse.
 */
export async function selectOutboundToken(
  inputs: InputReader
): Promise<OutboundTokenConfig | undefined> {
  const algorithm = inputs.get('web-identity-token-signing-algorithm')
  const said =
    inputs.get('web-identity-token-audience').trim() !== '' ||
    inputs.get('web-identity-token-tags') !== '' ||
    (algorithm !== 'RS256' && algorithm !== 'ES384')
  if (!said) return undefined
  return (await import('./outbound-token.js')).readOutboundTokenInputs(inputs)
}
