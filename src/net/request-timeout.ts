/** A request got no complete answer in time; named as the AWS SDK names its own timeouts. */
export class RequestTimeout extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms / 1000} s`)
    this.name = 'TimeoutError'
  }
}
