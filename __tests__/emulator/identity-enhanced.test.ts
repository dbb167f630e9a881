import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleCommandInput } from '@aws-sdk/client-sts'
import { decodeJwt } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import type { PolicyStatement } from '../../src/trust-policy/document.js'
import type { ScenarioOverrides } from '../../emulator/index.js'
import {
  APP_ARN,
  EXCHANGE_ROLE_ARN,
  USER_ID,
  appOverride,
  errorOf,
  useIdentityCenterEmulator
} from './identity-center-harness.js'
import { fetchSigned } from './sigv4-signer.js'
import type { SigningCredentials } from './sigv4-signer.js'
import { rejectionOf, xmlErrorOf } from './signed-sts-harness.js'
import { ACCOUNT, roleArn } from './sts-harness.js'

const ic = useIdentityCenterEmulator()
const TARGET = roleArn('analytics-reader')
const PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter'
const ALLOW_LIST = 'arn:aws:iam::aws:policy/AWSIAMIdentityCenterAllowListForIdentityContext'
const EXCHANGE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/identity-center-exchange/keyless-aws-1234567890-1`
const clients: STSClient[] = []

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
})

interface Tokens {
  idToken: string
  awsAdditionalDetails?: { identityContext: string }
  scope: string[]
}

// The flow the action runs: exchange role, CreateTokenWithIAM for an id token, then AssumeRole
// signed by the exchange role with the id token's context claim.
async function contextTokens(scope: string[] = ['openid', 'sts:identity_context']) {
  const credentials = await ic.exchangeCredentials()
  const response = await ic.createTokenWithIam({
    credentials,
    body: await ic.jwtBody({ scope })
  })
  expect(response.status).toBe(200)
  const tokens = (await response.json()) as Tokens
  return { credentials, tokens, claims: decodeJwt(tokens.idToken) }
}

function stsFor(credentials: SigningCredentials): STSClient {
  const client = new STSClient({
    region: 'eu-west-1',
    endpoint: ic.emulator.env.AWS_ENDPOINT_URL_STS,
    credentials,
    maxAttempts: 1
  })
  clients.push(client)
  return client
}

function assumeWith(assertion: string, input: Partial<AssumeRoleCommandInput> = {}) {
  return new AssumeRoleCommand({
    RoleArn: TARGET,
    RoleSessionName: 'keyless-aws-analytics',
    ProvidedContexts: [{ ProviderArn: PROVIDER, ContextAssertion: assertion }],
    ...input
  })
}

function targetTrust(statements: PolicyStatement[]): ScenarioOverrides {
  const trustPolicy = { Version: '2012-10-17', Statement: statements }
  return { aws: { accounts: { [ACCOUNT]: { roles: { 'analytics-reader': { trustPolicy } } } } } }
}

const assumeStatement: PolicyStatement = {
  Effect: 'Allow',
  Principal: { AWS: EXCHANGE_ROLE_ARN },
  Action: 'sts:AssumeRole'
}

describe('emulated identity-enhanced sessions: the id token', () => {
  it('carries sts:identity_context, the same assertion as awsAdditionalDetails', async () => {
    const { tokens, claims } = await contextTokens()
    expect(tokens.scope).toEqual(['openid', 'sts:identity_context'])
    const assertion = tokens.awsAdditionalDetails!.identityContext
    expect(claims['sts:identity_context']).toBe(assertion)
    expect(claims.sub).toBe(USER_ID)
    expect(claims.aud).toBe(APP_ARN)
    expect(ic.emulator.secrets()).toEqual(expect.arrayContaining([tokens.idToken, assertion]))
  })

  it('carries no context claim when the scope was not granted', async () => {
    const { tokens, claims } = await contextTokens(['openid'])
    expect(claims['sts:identity_context']).toBeUndefined()
    expect(claims['sts:audit_context']).toBeUndefined()
    expect(tokens.awsAdditionalDetails).toBeUndefined()
  })

  it('lives as long as the scenario says, and its assertions as long as it', async () => {
    ic.setScenario({ identityCenter: { idTokenLifetimeSeconds: 120 } })
    const before = Date.now()
    const { claims } = await contextTokens()
    expect(claims.exp! - claims.iat!).toBe(120)
    const record = ic.emulator.issued.identityCenterTokens.at(-1)!
    expect(record.contextExpiresAt!.getTime() - before).toBeGreaterThanOrEqual(119_000)
    expect(record.contextExpiresAt!.getTime() - before).toBeLessThanOrEqual(121_000)
  })

  it('refuses the scope for an application without it', async () => {
    ic.setScenario(appOverride({ defaultScopes: ['openid', 'aws'] }))
    const credentials = await ic.exchangeCredentials()
    const body = await ic.jwtBody({ scope: ['openid', 'sts:identity_context'] })
    expect(await errorOf(await ic.createTokenWithIam({ credentials, body }))).toEqual({
      status: 400,
      type: 'InvalidScopeException',
      body: { error: 'invalid_scope', error_description: 'Invalid scope: sts:identity_context' }
    })
  })
})

describe('emulated identity-enhanced sessions: AssumeRole with ProvidedContexts', () => {
  it('issues a session that records the identity context and its user', async () => {
    const { credentials, claims } = await contextTokens()
    const out = await stsFor(credentials).send(assumeWith(claims['sts:identity_context'] as string))
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/analytics-reader/keyless-aws-analytics`
    )
    const session = ic.emulator.issued.credentials.at(-1)!
    expect(session.accessKeyId).toBe(out.Credentials?.AccessKeyId)
    expect(session.identityContext).toEqual({
      providerArn: PROVIDER,
      kind: 'identity',
      userId: USER_ID,
      applicationArn: APP_ARN,
      attachedPolicyArn: ALLOW_LIST
    })
    expect(ic.emulator.log.at(-1)).toMatchObject({
      service: 'sts',
      action: 'AssumeRole',
      status: 200,
      signed: true
    })
  })

  it('accepts the legacy sts:audit_context and records which kind it was', async () => {
    const { credentials, claims } = await contextTokens()
    await stsFor(credentials).send(assumeWith(claims['sts:audit_context'] as string))
    expect(ic.emulator.issued.credentials.at(-1)!.identityContext).toMatchObject({
      kind: 'audit',
      userId: USER_ID
    })
  })

  it('issues a plain session, without a context, when none is provided', async () => {
    const credentials = await ic.exchangeCredentials()
    await stsFor(credentials).send(assumeWith('unused', { ProvidedContexts: undefined }))
    const session = ic.emulator.issued.credentials.at(-1)!
    expect(session.roleArn).toBe(TARGET)
    expect(session.identityContext).toBeUndefined()
  })

  it('refuses a context when the trust policy does not allow sts:SetContext', async () => {
    ic.setScenario(targetTrust([assumeStatement]))
    const { credentials, claims } = await contextTokens()
    const error = await rejectionOf(
      stsFor(credentials).send(assumeWith(claims['sts:identity_context'] as string))
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.$metadata.httpStatusCode).toBe(403)
    expect(error.message).toBe(
      `User: ${EXCHANGE_SESSION} is not authorized to perform: sts:SetContext on resource: ${TARGET}`
    )
  })

  it('refuses a context when sts:RequestContextProviders does not hold', async () => {
    const other = 'arn:aws:iam::aws:contextProvider/SomeOtherProvider'
    ic.setScenario(
      targetTrust([
        assumeStatement,
        {
          ...assumeStatement,
          Action: 'sts:SetContext',
          Condition: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': other } }
        }
      ])
    )
    const { credentials, claims } = await contextTokens()
    const error = await rejectionOf(
      stsFor(credentials).send(assumeWith(claims['sts:identity_context'] as string))
    )
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toContain('not authorized to perform: sts:SetContext')
  })

  it('still refuses a caller the trust policy does not name for sts:AssumeRole', async () => {
    ic.setScenario(targetTrust([{ ...assumeStatement, Action: 'sts:SetContext' }]))
    const { credentials, claims } = await contextTokens()
    const error = await rejectionOf(
      stsFor(credentials).send(assumeWith(claims['sts:identity_context'] as string))
    )
    expect(error.message).toContain('not authorized to perform: sts:AssumeRole')
  })

  const invalid: { name: string; message: string; scenario?: ScenarioOverrides }[] = [
    { name: 'an assertion Identity Center never issued', message: 'is not valid' },
    {
      name: 'an expired assertion',
      message: 'has expired',
      scenario: { identityCenter: { contextAssertionLifetimeSeconds: 0 } }
    }
  ]
  for (const { name, message, scenario } of invalid) {
    it(`refuses ${name} with InvalidContextAssertion`, async () => {
      if (scenario) ic.setScenario(scenario)
      const { credentials, claims } = await contextTokens()
      const issued = claims['sts:identity_context'] as string
      const assertion = scenario ? issued : `${issued.slice(0, -8)}AAAAAAA=`
      const error = await rejectionOf(stsFor(credentials).send(assumeWith(assertion)))
      expect(error.name).toBe('InvalidContextAssertionException')
      expect(error.$metadata.httpStatusCode).toBe(400)
      expect(error.message).toContain(message)
      expect(error.message).not.toContain(assertion)
    })
  }

  it('refuses a provider other than Identity Center', async () => {
    const { credentials, claims } = await contextTokens()
    const provider = 'arn:aws:iam::aws:contextProvider/Unknown'
    const error = await rejectionOf(
      stsFor(credentials).send(
        assumeWith('', {
          ProvidedContexts: [
            { ProviderArn: provider, ContextAssertion: claims['sts:identity_context'] as string }
          ]
        })
      )
    )
    expect(error.name).toBe('InvalidContextAssertionException')
    expect(error.message).toBe(`The context provider ${provider} is not a trusted context provider`)
  })

  it('refuses both the identity and the audit context in one session', async () => {
    const { credentials, claims } = await contextTokens()
    const both = ['sts:identity_context', 'sts:audit_context'].map((claim) => ({
      ProviderArn: PROVIDER,
      ContextAssertion: claims[claim] as string
    }))
    const error = await rejectionOf(
      stsFor(credentials).send(assumeWith('', { ProvidedContexts: both }))
    )
    expect(error.name).toBe('InvalidContextAssertionException')
  })

  it('checks the list and member limits, never echoing an assertion', async () => {
    const credentials = await ic.exchangeCredentials()
    const six = Array.from({ length: 6 }, () => ({
      ProviderArn: PROVIDER,
      ContextAssertion: 'abcd'
    }))
    const tooMany = await rejectionOf(
      stsFor(credentials).send(assumeWith('', { ProvidedContexts: six }))
    )
    expect(tooMany.name).toBe('ValidationError')
    expect(tooMany.message).toBe(
      "1 validation error detected: Value at 'providedContexts' failed to satisfy constraint: " +
        'Member must have length less than or equal to 5'
    )
    const short = await rejectionOf(
      stsFor(credentials).send(
        assumeWith('xyz', {
          ProvidedContexts: [{ ProviderArn: 'arn:short', ContextAssertion: 'xyz' }]
        })
      )
    )
    expect(short.message).toBe(
      '2 validation errors detected: ' +
        "Value 'arn:short' at 'providedContexts.1.member.providerArn' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 20; ' +
        "Value at 'providedContexts.1.member.contextAssertion' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 4'
    )
  })

  it('reads the members from the form as the SDK flattens them', async () => {
    const { credentials, claims } = await contextTokens()
    const form = new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: TARGET,
      RoleSessionName: 'raw',
      'ProvidedContexts.member.1.ProviderArn': PROVIDER,
      'ProvidedContexts.member.1.ContextAssertion': claims['sts:identity_context'] as string
    })
    const response = await fetchSigned(
      {
        method: 'POST',
        url: ic.emulator.env.AWS_ENDPOINT_URL_STS,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString()
      },
      credentials,
      { service: 'sts', region: 'eu-west-1' }
    )
    expect(response.status, (await xmlErrorOf(response.clone())).message).toBe(200)
    expect(ic.emulator.issued.credentials.at(-1)!.identityContext?.userId).toBe(USER_ID)
  })
})
