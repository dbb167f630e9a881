import { describe, expect, it } from 'vitest'
import { ActionError, describeFailure } from '../../src/errors/index.js'
import { PROBLEMS } from '../../src/errors/problems.js'

// Node before 24 named a proxy URL as given, user and password included, in its tunnel errors.
const NODE_MESSAGE =
  'Failed to establish tunnel to sts.eu-west-1.amazonaws.com:443 via http://octo:p%40ss@proxy.corp:3128/: HTTP/1.1 407'

describe('describeFailure', () => {
  it('drops user and password from a URL quoted in the chain of layers', () => {
    const err = new ActionError(
      PROBLEMS.proxyRefused,
      ['GitHub OIDC token', NODE_MESSAGE],
      ['Give them in http-proxy (http://USER:PASSWORD@HOST:PORT).']
    )
    const text = describeFailure(err)
    expect(text).not.toContain('p%40ss')
    expect(text).toContain('via http://***@proxy.corp:3128/')
    // The action's own advice keeps its placeholder.
    expect(text).toContain('(http://USER:PASSWORD@HOST:PORT)')
  })

  it('drops them from an unexpected error too', () => {
    const text = describeFailure(new Error(NODE_MESSAGE))
    expect(text).not.toContain('p%40ss')
    expect(text).toMatch(/^keyless-aws failed: .*via http:\/\/\*\*\*@proxy\.corp:3128\//)
  })
})
