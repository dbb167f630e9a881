// The AWS SDK's recursion-detection middleware asks @aws/lambda-invoke-store for the trace
// context of the Lambda invocation it runs in. keyless-aws runs in an Actions job, never in a
// Lambda function, so the store would always be empty: this stub says so at once, and the module
// (about 1.5 KB on every path that loads the SDK) stays out of dist/. The middleware still reads
// _X_AMZN_TRACE_ID from the environment as before.
const STORE = '@aws/lambda-invoke-store'
const STUB = '\0no-lambda-invoke-store'

export function noLambdaInvokeStore() {
  return {
    name: 'no-lambda-invoke-store',
    resolveId: (id) => (id === STORE ? STUB : null),
    load: (id) =>
      id === STUB ? 'export const InvokeStore = { getInstanceAsync: async () => undefined }' : null
  }
}
