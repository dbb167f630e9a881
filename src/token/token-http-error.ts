/** GitHub's token endpoint answered with a status other than 200. */
export class TokenHttpError extends Error {
  readonly status: number
  constructor(status: number, body: string) {
    super(`HTTP ${status}: ${body.slice(0, 200)}`)
    this.status = status
  }
}
