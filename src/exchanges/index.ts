import type { Config } from '../config/index.js'
import type { RetryPolicy } from '../retry.js'
import type { WrittenFileRecord } from '../state/written-files.js'
import type { SaveState } from '../state/schema.js'
import { tokenSource } from '../token/source.js'
import type { TokenSource } from '../token/source.js'
import type { Exchange } from './exchange.js'

export type { Exchange } from './exchange.js'

/** What the exchanges need from the step besides the Config. */
interface ExchangeContext {
  readonly env: NodeJS.ProcessEnv
  readonly retry: RetryPolicy
  /** Records the files an exchange writes (Identity Center's session token), for post. */
  readonly files: WrittenFileRecord
  /** Saves state for post (Identity Center's session, to sign out). */
  readonly save: SaveState
  /** Sees each token source, for the claims the failure summary shows (run/claims-seen.ts). */
  readonly seen: { watch(source: TokenSource): TokenSource }
}

/**
 * The exchange the Config selects. The token requests go out first, and only once they are on the
 * wire does the exchange's code load: compiling the AWS SDK blocks the event loop, so loaded any
 * earlier it would hold up the connection instead of overlapping GitHub's answer. The STS path
 * never loads the Identity Center clients.
 */
export async function exchangeFor(
  config: Config,
  { env, retry, files, save, seen }: ExchangeContext
): Promise<Exchange> {
  const sending: Promise<void>[] = []
  const tokens = (audience: string) => {
    const source = tokenSource({
      audience,
      env,
      retry,
      timeoutMs: config.requestTimeoutMs,
      proxy: config.proxy
    })
    sending.push(source.prefetch())
    return seen.watch(source)
  }
  const sent = () => Promise.all(sending)
  switch (config.exchange) {
    case 'sts': {
      // One token for every role.
      const stsTokens = config.incomingTokenFile
        ? seen.watch((await import('../token/file.js')).fileTokenSource(config.incomingTokenFile))
        : tokens(config.audience)
      await sent()
      const { StsExchange } = await import('./sts.js')
      return new StsExchange({ config, tokens: stsTokens, retry })
    }
    case 'role-chaining': {
      const { RoleChainingExchange } = await import('./role-chaining.js')
      return new RoleChainingExchange({ config, retry })
    }
    case 'identity-center': {
      const stsTokens = tokens(config.audience)
      const assertions = tokens(config.identityCenterAudience)
      await sent()
      const { IdentityCenterExchange } = await import('./identity-center.js')
      return new IdentityCenterExchange({
        config,
        stsTokens,
        assertions,
        retry,
        env,
        files,
        save
      })
    }
    case 'identity-enhanced': {
      const stsTokens = tokens(config.audience)
      const assertions = tokens(config.identityCenterAudience)
      await sent()
      const { IdentityEnhancedExchange } = await import('./identity-enhanced.js')
      return new IdentityEnhancedExchange({ config, stsTokens, assertions, retry })
    }
  }
}
