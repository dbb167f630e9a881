/**
 * The AWS SDK's default credential chain, which role chaining starts from. Built into a file of
 * its own (dist/default-chain.js, see rollup.config.mjs): were it bundled with main, the SDK code
 * it shares with the STS client would move into shared chunks that the STS path loads too.
 */
export { defaultProvider } from '@aws-sdk/credential-provider-node'
