import { describe, expect, it } from 'vitest'
import { awsClientOptions } from '../../src/net/aws-client-options.js'
import { warmUpIdentityCenter } from '../../src/exchanges/identity-center-warm-up.js'

// Nothing listens on port 1: a warm-up that sent anything would fail, and say so.
const NOWHERE = 'http://127.0.0.1:1'

describe('warm-up calls', () => {
  it('Identity Center: both canned answers go all the way through the SDK', async () => {
    const options = awsClientOptions({
      region: 'eu-west-1',
      requestTimeoutMs: 1000,
      proxy: undefined
    })
    process.env.AWS_ENDPOINT_URL_SSO = NOWHERE
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = NOWHERE
    try {
      expect(
        await warmUpIdentityCenter(
          options,
          'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222'
        )
      ).toBe(true)
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SSO
      delete process.env.AWS_ENDPOINT_URL_SSO_OIDC
    }
  })
})
