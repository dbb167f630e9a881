import type { InputReader } from './reader.js'

/**
 * sts-endpoint, as configure-aws-credentials reads it: the URL of an STS-compatible endpoint that
 * every STS client of the step (and the credential process of self-refreshing profiles) uses in
 * place of the region's. It wins over AWS_ENDPOINT_URL_STS, as an endpoint in a client's own
 * configuration does in the SDK. Other services (Identity Center) keep theirs.
 */
export function readStsEndpoint(inputs: InputReader): string | undefined {
  const given = inputs.get('sts-endpoint')
  if (!given) return undefined
  let url: URL | undefined
  try {
    url = new URL(given)
  } catch {
    url = undefined
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username) return given
  inputs.problems.push(
    `Input sts-endpoint: ${JSON.stringify(given.slice(0, 80))} is not an http or https URL without a user name; give the endpoint's URL, e.g. https://sts.eu-west-1.amazonaws.com.`
  )
  return undefined
}
