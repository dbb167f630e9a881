import { createLocalJWKSet, jwtVerify } from 'jose'
import type { JSONWebKeySet } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import { decodeIdToken, idTokenResponse, requestIdToken } from './request-id-token.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.setScenario({})
  emulator.resetLog()
})

describe('emulated GitHub id-token endpoint', () => {
  it('exposes the environment the runner would set', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(emulator.env).toEqual({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${emulator.url}/github/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'emulated-request-token',
      AWS_ENDPOINT_URL_STS: `${emulator.url}/sts`,
      AWS_ENDPOINT_URL_SSO_OIDC: `${emulator.url}/oidc`,
      AWS_ENDPOINT_URL_SSO: `${emulator.url}/portal`,
      // Instance metadata on loopback, so that no job reaches the machine's own.
      AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.url
    })
  })

  it.each([
    ['a wrong bearer', 'Bearer not-the-token'],
    ['no bearer scheme', 'emulated-request-token'],
    ['an empty header', '']
  ])('answers 401 to %s', async (_, authorization) => {
    const response = await idTokenResponse(emulator, 'sts.amazonaws.com', authorization)
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(emulator.issued.idTokens).toHaveLength(0)
    expect(emulator.log.at(-1)).toMatchObject({
      service: 'github',
      action: 'GetIdToken',
      status: 401
    })
  })

  it('accepts a lower-case bearer scheme and answers in GitHub shape', async () => {
    const response = await idTokenResponse(
      emulator,
      'sts.amazonaws.com',
      'bearer emulated-request-token'
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as { count: number; value: string }
    expect(body.count).toBe(1)
    expect(emulator.issued.idTokens).toContain(body.value)
    expect(emulator.secrets()).toContain(body.value)
  })

  it('issues an RS256 token with GitHub claims for the requested audience', async () => {
    const token = await requestIdToken(emulator, 'sts.amazonaws.com')
    const { header, claims } = decodeIdToken(token)
    expect(header).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: expect.any(String),
      x5t: expect.any(String)
    })
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_id: '456789',
      repository_owner_id: '123456',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
      runner_environment: 'github-hosted'
    })
    expect(claims.exp! - claims.iat!).toBe(300)
    expect(claims.iat! - claims.nbf!).toBe(600)
    expect(claims).not.toHaveProperty('environment')
  })

  it('defaults the audience to the owner URL', async () => {
    const { claims } = decodeIdToken(await requestIdToken(emulator))
    expect(claims.aud).toBe('https://github.com/octo-org')
  })

  it('keeps an audience with reserved characters intact', async () => {
    const { claims } = decodeIdToken(
      await requestIdToken(emulator, 'api://AzureADTokenExchange?x=1&y')
    )
    expect(claims.aud).toBe('api://AzureADTokenExchange?x=1&y')
  })

  it('follows the scenario: environment and immutable subject', async () => {
    emulator.setScenario({
      github: { job: { environment: 'production', subjectFormat: 'immutable' } }
    })
    const { claims } = decodeIdToken(await requestIdToken(emulator, 'deploy.octo-org.example'))
    expect(claims.sub).toBe('repo:octo-org@123456/octo-repo@456789:environment:production')
    expect(claims.environment).toBe('production')
  })

  it('publishes discovery and a JWKS that verifies issued tokens', async () => {
    const discovery = (await (
      await fetch(`${emulator.url}/github/.well-known/openid-configuration`)
    ).json()) as { issuer: string; jwks_uri: string }
    expect(discovery.issuer).toBe('https://token.actions.githubusercontent.com')
    expect(discovery.jwks_uri).toBe(`${emulator.url}/github/.well-known/jwks`)
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet
    const token = await requestIdToken(emulator, 'sts.amazonaws.com')
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: discovery.issuer,
      audience: 'sts.amazonaws.com'
    })
    expect(payload.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(emulator.log.map((e) => e.action)).toEqual(['Discovery', 'JWKS', 'GetIdToken'])
  })

  it('signs with an unpublished key in the rogue scenario', async () => {
    emulator.setScenario({ github: { signingKey: 'rogue' } })
    const jwks = (await (
      await fetch(`${emulator.url}/github/.well-known/jwks`)
    ).json()) as JSONWebKeySet
    const token = await requestIdToken(emulator, 'sts.amazonaws.com')
    await expect(jwtVerify(token, createLocalJWKSet(jwks))).rejects.toThrow(/signature/)
  })

  it('answers 404 to an unknown path', async () => {
    const response = await fetch(`${emulator.url}/github/nothing`)
    expect(response.status).toBe(404)
  })
})
