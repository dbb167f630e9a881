import { describe, expect, it } from 'vitest'
import { ClaimsSeen } from '../../src/run/claims-seen.js'
import type { TokenSource } from '../../src/token/source.js'

const source = (claims: Record<string, unknown>): TokenSource => ({
  current: async () => ({ jwt: 'x.y.z', claims }),
  fresh: async () => ({ jwt: 'x.y.z', claims })
})

describe('ClaimsSeen', () => {
  it('keeps the trust claims of every token handed out, in order, each value once', async () => {
    const seen = new ClaimsSeen()
    const sts = seen.watch(
      source({ sub: 'repo:o/r:ref:refs/heads/main', aud: 'sts.amazonaws.com', jti: 'a' })
    )
    const ic = seen.watch(
      source({ sub: 'repo:o/r:ref:refs/heads/main', aud: 'ic.example', jti: 'b' })
    )
    expect(seen.rows()).toEqual([])
    await sts.current()
    await sts.fresh()
    await ic.current()
    expect(seen.rows()).toEqual([
      ['aud', 'sts.amazonaws.com | ic.example'],
      ['sub', 'repo:o/r:ref:refs/heads/main']
    ])
  })
})
