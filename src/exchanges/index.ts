import type { Credentials } from '../credentials.js'

/** One way of turning the job's OIDC identity into AWS credentials. */
export interface Exchange {
  obtain(): Promise<Credentials>
}
