// An answer that did not come from the service the action called: a proxy's block page, a
// captive portal's redirect, a load balancer's error page. Nothing in it is the service's word.

/** What was seen of such an answer; never its body, which may echo the request. */
export interface ForeignAnswerSeen {
  /** Whom the action asked, e.g. "STS AssumeRoleWithWebIdentity". */
  readonly operation: string
  /** The endpoint, without query: e.g. https://sts.eu-west-1.amazonaws.com/. */
  readonly endpoint: string
  readonly status: number
  /** The answer's content type, or "" when it had none. */
  readonly contentType: string
  /** AWS or GitHub: who should have answered. */
  readonly expected: 'AWS' | 'GitHub'
}

/**
 * AWS APIs answer in XML or JSON and never redirect; GitHub's token endpoint answers in JSON. A
 * redirect, or a body declared as anything else (HTML above all), came from something in
 * between. An answer that declares no type is left to the reader of its body.
 */
export function isForeignAnswer(status: number, contentType: string): boolean {
  if (status >= 300 && status < 400) return true
  return !!contentType && !/\b(xml|json)\b/i.test(contentType)
}

export class ForeignAnswer extends Error {
  readonly seen: ForeignAnswerSeen
  /** As the SDK's errors carry it, so that retry and diagnosis read the status alike. */
  readonly $metadata: { httpStatusCode: number }

  constructor(seen: ForeignAnswerSeen) {
    super(
      `${seen.operation} at ${seen.endpoint} got HTTP ${seen.status} with ${seen.contentType ? `content type ${JSON.stringify(seen.contentType)}` : 'no content type'}`
    )
    this.name = 'ForeignAnswer'
    this.seen = seen
    this.$metadata = { httpStatusCode: seen.status }
  }
}
