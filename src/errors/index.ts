import { PROBLEMS } from './problems.js'
import type { Problem } from './problems.js'

// Every failure the action reports is an ActionError: a problem title, then a chain of context,
// one layer per step, under one fixed prefix, then the lines that explain what to change.
export const ERROR_PREFIX = 'keyless-aws failed'

export class ActionError extends Error {
  readonly problem: Problem
  readonly layers: readonly string[]
  readonly explanation: readonly string[]
  /** The AWS or GitHub error code that caused this, when there was one. */
  readonly code: string | undefined

  constructor(
    problem: Problem,
    layers: readonly string[],
    explanation: readonly string[] = [],
    options: { cause?: unknown; code?: string } = {}
  ) {
    super([problem, ...layers].join(': '), { cause: options.cause })
    this.name = 'ActionError'
    this.problem = problem
    this.layers = layers
    this.explanation = explanation
    this.code = options.code
  }

  /** Adds the context of an outer step in front of this error's chain. */
  within(layer: string): ActionError {
    return new ActionError(this.problem, [layer, ...this.layers], this.explanation, {
      cause: this.cause,
      code: this.code
    })
  }
}

/** One or more inputs were invalid; each line names the input, what was wrong and what is accepted. */
export class InputError extends ActionError {
  constructor(problems: readonly string[]) {
    const count = problems.length === 1 ? '1 input' : `${problems.length} inputs`
    super(PROBLEMS.invalidInput, [count], problems)
    this.name = 'InputError'
  }
}

/** The text a user sees: the title and chain on the first line, then the explanation. */
export function describeFailure(err: unknown): string {
  if (err instanceof ActionError) {
    const guide = `Troubleshooting: "${err.problem}" in docs/TROUBLESHOOTING.md of keyless-aws.`
    // The chain of layers may quote a message from node; the explanation is the action's own.
    return [`${ERROR_PREFIX}: ${withoutUserinfo(err.message)}`, ...err.explanation, guide].join(
      '\n'
    )
  }
  const message = err instanceof Error ? err.message : String(err)
  return withoutUserinfo(`${ERROR_PREFIX}: ${PROBLEMS.unexpected}: ${message}`)
}

/**
 * Node names the proxy URL, password included, in its tunnel errors. The step masks the password,
 * but the credential process has no runner to mask for it: so a message that comes from
 * elsewhere passes through this before it is shown.
 */
export function withoutUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z\d+.-]*:\/\/)[^\s/@]*@/gi, '$1***@')
}
