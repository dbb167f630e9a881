import type { InputReader } from './reader.js'
import * as rule from './rules.js'

/** A JWT that STS signs to prove this job's AWS identity to a third party (GetWebIdentityToken). */
export interface OutboundTokenConfig {
  readonly audiences: readonly string[]
  readonly durationSeconds: number
  readonly signingAlgorithm: 'RS256' | 'ES384'
  readonly tags: readonly { readonly Key: string; readonly Value: string }[]
  /** Also write the token to a 0600 file and export its path. */
  readonly toFile: boolean
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u
const MAX_TAGS = 50
const MAX_AUDIENCES = 10

const lines = (value: string) =>
  value
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean)

/** The outbound token settings, when web-identity-token-audience asks for one. */
export function readOutboundTokenInputs(inputs: InputReader): OutboundTokenConfig | undefined {
  const audiences = lines(inputs.get('web-identity-token-audience'))
  // Checked with or without an audience: a value the action would never use is still a mistake.
  const algorithm = inputs.get('web-identity-token-signing-algorithm')
  if (algorithm !== 'RS256' && algorithm !== 'ES384') {
    inputs.problems.push(
      `Input web-identity-token-signing-algorithm: ${JSON.stringify(algorithm)} is not offered; use RS256 or ES384.`
    )
  }
  const others = ['web-identity-token-tags'].filter((name) => inputs.get(name))
  if (audiences.length === 0) {
    if (others.length)
      inputs.problems.push(
        `Input ${others.join(', ')}: only used with web-identity-token-audience, which is not set.`
      )
    return undefined
  }
  if (audiences.length > MAX_AUDIENCES) {
    inputs.problems.push(
      `Input web-identity-token-audience: ${audiences.length} audiences; give 1 to ${MAX_AUDIENCES}, one per line.`
    )
  }
  for (const audience of audiences)
    inputs.check(rule.audience('web-identity-token-audience', audience), '')
  return {
    audiences,
    durationSeconds: inputs.check(
      rule.seconds(
        'web-identity-token-duration-seconds',
        inputs.get('web-identity-token-duration-seconds'),
        60,
        3600
      ),
      0
    ),
    signingAlgorithm: algorithm === 'ES384' ? 'ES384' : 'RS256',
    tags: readTags(inputs),
    toFile: inputs.check(
      rule.boolean('web-identity-token-to-file', inputs.get('web-identity-token-to-file')),
      false
    )
  }
}

function readTags(inputs: InputReader): { Key: string; Value: string }[] {
  const tags: { Key: string; Value: string }[] = []
  for (const line of inputs
    .get('web-identity-token-tags')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const eq = line.indexOf('=')
    const Key = eq > 0 ? line.slice(0, eq).trim() : ''
    const Value = eq > 0 ? line.slice(eq + 1).trim() : ''
    if (!TAG_KEY.test(Key) || !TAG_VALUE.test(Value)) {
      inputs.problems.push(
        `Input web-identity-token-tags: ${JSON.stringify(line)} is not a tag; write key=value, one per line (keys up to 128 and values up to 256 characters from letters, digits, spaces and _.:/=+-@).`
      )
    } else if (tags.some((t) => t.Key === Key)) {
      inputs.problems.push(
        `Input web-identity-token-tags: the key ${JSON.stringify(Key)} is given twice.`
      )
    } else tags.push({ Key, Value })
  }
  if (tags.length > MAX_TAGS)
    inputs.problems.push(
      `Input web-identity-token-tags: ${tags.length} tags; give at most ${MAX_TAGS}.`
    )
  return tags
}
