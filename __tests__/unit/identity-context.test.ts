// The id token check of identity-enhanced mode: what makes Identity Center's answer usable, and
// that no refusal ever prints the token or the assertion it carries.
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose'
import type { CryptoKey } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { ActionError, describeFailure } from '../../src/errors/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'
import { readIdentityContext, secretsOf } from '../../src/exchanges/identity-context.js'
import type { ContextTokens } from '../../src/exchanges/identity-context.js'

const APP = 'arn:aws:sso::111122223333:application/ssoins-1111111111111111/apl-2222222222222222'
const USER = '9067729b3d-94f1e0d5-c1a2-4b3c-8d4e-5f6a7b8c9d0e'
const ASSERTION = 'AQoJb3JpZ2luX2VjEXAMPLE+identity/context=='
const AUDIT = 'AQoJb3JpZ2luX2VjEXAMPLE+audit/context=='
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const nowSeconds = NOW / 1000

let key: CryptoKey
beforeAll(async () => {
  key = (await generateKeyPair('RS256')).privateKey
})

const CLAIMS = {
  sub: USER,
  aud: APP,
  iss: 'https://identitycenter.amazonaws.com/ssoins-1111111111111111',
  iat: nowSeconds,
  exp: nowSeconds + 3600,
  'sts:identity_context': ASSERTION,
  'sts:audit_context': AUDIT
}

const signed = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(key)

function without(name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(CLAIMS).filter(([claim]) => claim !== name))
}

function refusal(tokens: ContextTokens): ActionError {
  try {
    readIdentityContext(tokens, APP, NOW)
  } catch (err) {
    if (err instanceof ActionError) return err
    throw err
  }
  throw new Error('the id token was accepted')
}

describe('readIdentityContext', () => {
  it('reads the assertion and the user from a current id token for the application', async () => {
    const idToken = await signed(CLAIMS)
    expect(
      readIdentityContext(
        { idToken, awsAdditionalDetails: { identityContext: ASSERTION } },
        APP,
        NOW
      )
    ).toEqual({ assertion: ASSERTION, userId: USER })
    expect(
      readIdentityContext({ idToken: await signed({ ...CLAIMS, aud: ['x', APP] }) }, APP, NOW)
    ).toEqual({ assertion: ASSERTION, userId: USER })
  })

  const cases: [string, () => Promise<ContextTokens>, string, string][] = [
    ['no id token', async () => ({}), PROBLEMS.idTokenNotUsable, 'the answer holds no id token'],
    [
      'not a JWT',
      async () => ({ idToken: 'aoa-not-a-jwt' }),
      PROBLEMS.idTokenNotUsable,
      'it is not a signed JWT'
    ],
    [
      'an unsigned JWT',
      async () => ({ idToken: new UnsecuredJWT(CLAIMS).encode() }),
      PROBLEMS.idTokenNotUsable,
      'it is not a signed JWT'
    ],
    [
      'another audience',
      async () => ({ idToken: await signed({ ...CLAIMS, aud: `${APP}x` }) }),
      PROBLEMS.idTokenNotUsable,
      `it is not for ${APP}`
    ],
    [
      'expired',
      async () => ({ idToken: await signed({ ...CLAIMS, exp: nowSeconds }) }),
      PROBLEMS.idTokenNotUsable,
      'it has expired'
    ],
    [
      'no expiry',
      async () => ({ idToken: await signed(without('exp')) }),
      PROBLEMS.idTokenNotUsable,
      'it has expired, or carries no expiry'
    ],
    [
      'no user',
      async () => ({ idToken: await signed(without('sub')) }),
      PROBLEMS.idTokenNotUsable,
      'it names no user'
    ],
    [
      'no identity context claim',
      async () => ({ idToken: await signed(without('sts:identity_context')) }),
      PROBLEMS.identityContextScopeMissing,
      'it carries no sts:identity_context claim'
    ],
    [
      'a claim STS would not take',
      async () => ({ idToken: await signed({ ...CLAIMS, 'sts:identity_context': 'abc' }) }),
      PROBLEMS.idTokenNotUsable,
      'its sts:identity_context claim is not an assertion STS would take'
    ],
    [
      'a claim that is not a string',
      async () => ({ idToken: await signed({ ...CLAIMS, 'sts:identity_context': 12345 }) }),
      PROBLEMS.idTokenNotUsable,
      'is not an assertion STS would take'
    ],
    [
      'a claim that differs from awsAdditionalDetails',
      async () => ({
        idToken: await signed(CLAIMS),
        awsAdditionalDetails: { identityContext: AUDIT }
      }),
      PROBLEMS.idTokenNotUsable,
      'differs from awsAdditionalDetails.identityContext'
    ]
  ]
  it.each(cases)('refuses %s', async (_name, tokens, problem, why) => {
    const answer = await tokens()
    const err = refusal(answer)
    expect(err.problem).toBe(problem)
    expect(err.layers).toEqual([
      'the id token from CreateTokenWithIAM',
      expect.stringContaining(why)
    ])
    const text = describeFailure(err)
    for (const secret of [ASSERTION, AUDIT, answer.idToken ?? ASSERTION]) {
      expect(text).not.toContain(secret)
    }
  })

  it('names the missing scope when the claim is absent', async () => {
    const err = refusal({ idToken: await signed(without('sts:identity_context')) })
    expect(err.explanation[0]).toBe(
      `The application ${APP} has no sts:identity_context scope, so Identity Center issued no identity context.`
    )
  })
})

describe('secretsOf', () => {
  it('lists every token of the answer and both context claims inside the id token', async () => {
    const idToken = await signed(CLAIMS)
    expect(
      secretsOf({
        accessToken: 'aoa-access',
        refreshToken: 'aor-refresh',
        idToken,
        awsAdditionalDetails: { identityContext: ASSERTION }
      })
    ).toEqual(['aoa-access', 'aor-refresh', idToken, ASSERTION, ASSERTION, AUDIT])
    expect(secretsOf({ idToken: 'not-a-jwt' })).toEqual(['not-a-jwt'])
  })
})
