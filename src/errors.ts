// Every failure the action reports is an ActionError: a chain of context, one layer per step,
// under one fixed prefix, plus the lines that explain what to change.
export const ERROR_PREFIX = 'keyless-aws failed'

export class ActionError extends Error {
  readonly layers: readonly string[]
  readonly explanation: readonly string[]
  /** The AWS or GitHub error code that caused this, when there was one. */
  readonly code: string | undefined

  constructor(
    layers: readonly string[],
    explanation: readonly string[] = [],
    options: { cause?: unknown; code?: string } = {}
  ) {
    super(layers.join(': '), { cause: options.cause })
    this.name = 'ActionError'
    this.layers = layers
    this.explanation = explanation
    this.code = options.code
  }

  /** Adds the context of an outer step in front of this error's chain. */
  within(layer: string): ActionError {
    return new ActionError([layer, ...this.layers], this.explanation, {
      cause: this.cause,
      code: this.code
    })
  }
}

/** One or more inputs were invalid; each line names the input, what was wrong and what is accepted. */
export class InputError extends ActionError {
  constructor(problems: readonly string[]) {
    const head = problems.length === 1 ? 'invalid input' : `${problems.length} invalid inputs`
    super([head], problems)
    this.name = 'InputError'
  }
}

/** The text a user sees: the chain on the first line, then the explanation. */
export function describeFailure(err: unknown): string {
  if (err instanceof ActionError) {
    return [`${ERROR_PREFIX}: ${err.message}`, ...err.explanation].join('\n')
  }
  const message = err instanceof Error ? err.message : String(err)
  return `${ERROR_PREFIX}: unexpected error: ${message}`
}
