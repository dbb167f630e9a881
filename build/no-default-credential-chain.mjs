import { stubModule } from './stub-module.mjs'

// Every AWS client of keyless-aws is given its credentials (or, for AssumeRoleWithWebIdentity,
// needs none), so the SDK's default credential chain never runs. Left in, it bundles readers for
// environment, ini, SSO, process, container and instance-metadata credentials: most of
// dist/credential-process.js and a dozen lazy chunks of main. This puts a stub in its place that
// fails loudly should a client ever be built without credentials.
export const noDefaultCredentialChain = () =>
  stubModule(
    'no-default-credential-chain',
    '@aws-sdk/credential-provider-node',
    `export const defaultProvider = () => async () => {
  throw new Error('keyless-aws built an AWS client without credentials: the default chain is not bundled')
}`
  )
