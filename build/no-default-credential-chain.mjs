import { stubModule } from './stub-module.mjs'

// The AWS SDK clients' own configuration imports the default credential chain, as the fallback
// for a client built without credentials. Every client of keyless-aws is given its credentials
// (or, for AssumeRoleWithWebIdentity, needs none), so that fallback never runs; left in, it would
// bundle readers for environment, ini, SSO, process, container and instance-metadata credentials
// into every path. The stub fails loudly should a client ever be built without credentials.
// keyless-aws's own import (role chaining, src/exchanges/source-credentials.ts) gets the real
// chain, in lazy chunks that only that path loads.
export const noDefaultCredentialChain = () =>
  stubModule(
    'no-default-credential-chain',
    '@aws-sdk/credential-provider-node',
    `export const defaultProvider = () => async () => {
  throw new Error('keyless-aws built an AWS client without credentials: the default chain is not bundled')
}`,
    (importer) => !/[/\\]src[/\\]/.test(importer ?? '') || /node_modules/.test(importer ?? '')
  )
