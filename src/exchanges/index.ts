import type { Credentials } from '../credentials.js'
import type { IdToken } from '../token/github.js'

/** One way of turning the job's OIDC identity into AWS credentials. */
export interface Exchange {
  obtain(): Promise<Credentials>
}

/** The id_tokens for one audience: the current one while it has time left, or a new one. */
export interface TokenSource {
  /** A token with at least a minute left, fetched only when the last one is too old. */
  current(): Promise<IdToken>
  /** A new token, whatever the age of the last one. */
  fresh(): Promise<IdToken>
}
