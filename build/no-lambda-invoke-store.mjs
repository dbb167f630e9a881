import { stubModule } from './stub-module.mjs'

// The AWS SDK's recursion-detection middleware asks @aws/lambda-invoke-store for the trace
// context of the Lambda invocation it runs in. keyless-aws runs in an Actions job, never in a
// Lambda function, so the store would always be empty: this stub says so at once, and the module
// (about 2 KB on every path that loads the SDK) stays out of dist/. The middleware still reads
// _X_AMZN_TRACE_ID from the environment as before.
export const noLambdaInvokeStore = () =>
  stubModule(
    'no-lambda-invoke-store',
    '@aws/lambda-invoke-store',
    'export const InvokeStore = { getInstanceAsync: async () => undefined }'
  )
