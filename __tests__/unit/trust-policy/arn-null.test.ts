import { describe, expect, it } from 'vitest'
import { evaluateTrust } from '../../../src/trust-policy/evaluate.js'
import type { ConditionBlock } from '../../../src/trust-policy/document.js'

// The operators identity-enhanced trust policies use: ArnEquals/ArnLike over
// sts:RequestContextProviders, and Null to require the key.
const CALLER = 'arn:aws:iam::111122223333:role/identity-center-exchange'
const IDENTITY_CENTER = 'arn:aws:iam::aws:contextProvider/IdentityCenter'

function allows(condition: ConditionBlock, providers: string[] | undefined): boolean {
  const context: Record<string, string[]> =
    providers === undefined ? {} : { 'sts:requestcontextproviders': providers }
  return evaluateTrust(
    {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: CALLER },
        Action: 'sts:SetContext',
        Condition: condition
      }
    },
    { awsPrincipals: [CALLER], action: 'sts:SetContext', context }
  ).accepted
}

describe('evaluateTrust: Arn and Null operators', () => {
  const forAll = (value: string) => ({
    'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': value }
  })
  const cases: {
    name: string
    condition: ConditionBlock
    providers: string[] | undefined
    allowed: boolean
  }[] = [
    {
      name: 'ForAllValues:ArnEquals, the provider',
      condition: forAll(IDENTITY_CENTER),
      providers: [IDENTITY_CENTER],
      allowed: true
    },
    {
      name: 'ForAllValues:ArnEquals, another provider',
      condition: forAll(IDENTITY_CENTER),
      providers: ['arn:aws:iam::aws:contextProvider/Other'],
      allowed: false
    },
    {
      name: 'ForAllValues:ArnEquals, one of two providers unlisted',
      condition: forAll(IDENTITY_CENTER),
      providers: [IDENTITY_CENTER, 'arn:aws:iam::aws:contextProvider/Other'],
      allowed: false
    },
    {
      name: 'ForAllValues holds vacuously for an absent key',
      condition: forAll(IDENTITY_CENTER),
      providers: undefined,
      allowed: true
    },
    {
      name: 'Null false requires the key',
      condition: { ...forAll(IDENTITY_CENTER), Null: { 'sts:RequestContextProviders': 'false' } },
      providers: undefined,
      allowed: false
    },
    {
      name: 'Null false with the key present',
      condition: { ...forAll(IDENTITY_CENTER), Null: { 'sts:RequestContextProviders': 'false' } },
      providers: [IDENTITY_CENTER],
      allowed: true
    },
    {
      name: 'Null true with the key present',
      condition: { Null: { 'sts:RequestContextProviders': 'true' } },
      providers: [IDENTITY_CENTER],
      allowed: false
    },
    {
      name: 'ArnLike wildcard within the resource part',
      condition: {
        ArnLike: { 'sts:RequestContextProviders': 'arn:aws:iam::aws:contextProvider/*' }
      },
      providers: [IDENTITY_CENTER],
      allowed: true
    },
    {
      name: 'an Arn wildcard never spans a colon',
      condition: { ArnLike: { 'sts:RequestContextProviders': 'arn:aws:*:contextProvider/*' } },
      providers: [IDENTITY_CENTER],
      allowed: false
    },
    {
      name: 'ArnNotEquals',
      condition: { ArnNotEquals: { 'sts:RequestContextProviders': IDENTITY_CENTER } },
      providers: [IDENTITY_CENTER],
      allowed: false
    },
    {
      name: 'ArnEquals is case-sensitive',
      condition: { ArnEquals: { 'sts:RequestContextProviders': IDENTITY_CENTER.toLowerCase() } },
      providers: [IDENTITY_CENTER],
      allowed: false
    }
  ]
  for (const { name, condition, providers, allowed } of cases) {
    it(name, () => expect(allows(condition, providers)).toBe(allowed))
  }
})
