import type { Obtained } from '../credentials.js'

/**
 * One way of turning the job's identity into AWS credentials: all that publish needs. Apart from
 * index.ts, which picks one, so that the exchanges and the picker never import each other.
 */
export interface Exchange {
  obtain(): Promise<Obtained>
}
