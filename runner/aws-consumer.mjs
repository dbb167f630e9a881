// A later step of the job that uses the AWS SDK as a user's tool would: it gets credentials the
// way it is told (a profile through fromIni or fromProcess, a profile as the SDK's default chain
// reads it for a client given `profile`, or the default chain alone), then
// proves they work with a signed GetCallerIdentity. It prints who it is, never the credentials.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromIni, fromNodeProviderChain, fromProcess } from '@aws-sdk/credential-providers'

const [how, profile] = process.argv.slice(2)
const providers = {
  ini: () => fromIni({ profile }),
  process: () => fromProcess({ profile }),
  chain: () => fromNodeProviderChain(),
  // What a user's `new STSClient({ profile })` does: the chain with a profile (ini keys or its
  // credential_process).
  'ini-or-process': () => fromNodeProviderChain({ profile })
}
const credentials = await providers[how]()()
// The region as the SDK finds it: AWS_REGION, or the profile's (a profile step exports none).
const sts = new STSClient({ ...(profile ? { profile } : {}), credentials })
const identity = await sts.send(new GetCallerIdentityCommand({}))
sts.destroy()
console.log(
  JSON.stringify({
    arn: identity.Arn,
    accessKeyId: credentials.accessKeyId.slice(0, 4),
    expiration: credentials.expiration?.toISOString()
  })
)
