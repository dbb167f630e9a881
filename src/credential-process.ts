import { readFileSync } from 'node:fs'
import { describeFailure } from './errors/index.js'
import { assumeRoleWithWebIdentity } from './exchanges/sts.js'
import { asProxyFailure } from './net/proxy-failure.js'
import { defaultRetryPolicy } from './retry.js'
import type { RefreshSettings } from './publish/self-refreshing.js'
import { tokenSource } from './token/source.js'

// The AWS CLI and SDKs run this as a profile's credential_process whenever they need credentials:
// it asks GitHub for a fresh token, exchanges it, and prints the credential_process JSON.
// Its stdout is that JSON alone. What the shared code prints for a step (masks, claims) is
// dropped: a credential process has no runner to mask for it, and its caller may print stderr.
const print = process.stdout.write.bind(process.stdout)
process.stdout.write = (() => true) as typeof process.stdout.write

// Not awaited at the top level: the diagnoses load by dynamic import, inlined in this one file
// after this code, and a top-level await would reach them before they are initialised.
void obtain()

async function obtain(): Promise<void> {
  try {
    const settings = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as RefreshSettings
    const retry = defaultRetryPolicy(settings.maxAttempts, () => undefined)
    const tokens = tokenSource({
      audience: settings.audience,
      env: process.env,
      retry,
      timeoutMs: settings.requestTimeoutMs,
      proxy: settings.proxy
    })
    const creds = await assumeRoleWithWebIdentity(settings, tokens, retry)
    print(
      JSON.stringify({
        Version: 1,
        AccessKeyId: creds.accessKeyId,
        SecretAccessKey: creds.secretAccessKey,
        SessionToken: creds.sessionToken,
        Expiration: creds.expiration.toISOString()
      })
    )
  } catch (err) {
    process.stderr.write(`${describeFailure(asProxyFailure(err))}\n`)
    process.exitCode = 1
  }
}
