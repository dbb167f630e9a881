import type { Credentials } from '../credentials.js'
import type { IdToken } from '../id-token.js'

/** One way of turning the job's OIDC identity into AWS credentials. */
export interface Exchange {
  obtain(): Promise<Credentials>
}

/** Gives a fresh id_token for the exchange's audience each time it is called. */
export type TokenSource = () => Promise<IdToken>
