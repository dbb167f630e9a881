import type { InputReader } from './reader.js'

/** The accounts the credentials may belong to; empty means any. */
export function readAllowedAccounts(inputs: InputReader): readonly string[] {
  const ids = inputs
    .get('allowed-account-ids')
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const id of ids.filter((i) => !/^\d{12}$/.test(i))) {
    inputs.problems.push(
      `Input allowed-account-ids: ${JSON.stringify(id)} is not an AWS account id; give 12-digit ids, separated by commas or new lines.`
    )
  }
  return ids
}
