// Every AWS client of keyless-aws is given its credentials (or, for AssumeRoleWithWebIdentity,
// needs none), so the SDK's default credential chain never runs. Left in, it bundles readers for
// environment, ini, SSO, process, container and instance-metadata credentials: most of
// dist/credential-process.js and a dozen lazy chunks of main. This puts a stub in its place that
// fails loudly should a client ever be built without credentials.
const CHAIN = '@aws-sdk/credential-provider-node'
const STUB = '\0no-default-credential-chain'

export function noDefaultCredentialChain() {
  return {
    name: 'no-default-credential-chain',
    resolveId: (id) => (id === CHAIN ? STUB : null),
    load: (id) =>
      id === STUB
        ? `export const defaultProvider = () => async () => {
  throw new Error('keyless-aws built an AWS client without credentials: the default chain is not bundled')
}`
        : null
  }
}
