import type { Pluggable, SerializeMiddleware } from '@smithy/types'

/** What the command carries until the token is there; the middleware below always replaces it. */
export const TOKEN_NOT_YET = ''

/**
 * Sends a command before its web identity token has arrived. The SDK's first send does much
 * before it serializes anything: it builds the middleware chain, reads the shared config files
 * (FIPS, dual-stack, a configured endpoint) and resolves the endpoint. Put after the endpoint's
 * middleware and before the serializer, this waits for the token there, so all of that runs
 * while GitHub is still answering; once the token is in, only serializing and sending are left.
 * Named relative to the SDK's own middleware, so a change of its names fails every send loudly
 * instead of quietly sending no token.
 */
export function tokenAtSerialize<
  Input extends { WebIdentityToken?: string },
  Output extends object
>(token: () => Promise<string>): Pluggable<Input, Output> {
  const middleware: SerializeMiddleware<Input, Output> = (next) => async (args) =>
    next({ ...args, input: { ...args.input, WebIdentityToken: await token() } })
  return {
    applyToStack: (stack) =>
      stack.addRelativeTo(middleware, {
        name: 'keylessAwsTokenAtSerialize',
        relation: 'after',
        toMiddleware: 'endpointV2Middleware'
      })
  }
}
