import { describe, expect, it } from 'vitest'
import { SERVICES, serviceAt, serviceNamed } from '../../emulator/registry.js'

// The request log and fault keys name a service by `name`, and the router finds it by `prefix`:
// two entries sharing either would send one service's requests or faults to the other.
describe('the service registry', () => {
  it.each(SERVICES.map((s) => [s.name, s.prefix]))('%s owns %s', (name, prefix) => {
    expect(serviceNamed(name)?.prefix).toBe(prefix)
    expect(serviceAt(prefix)?.name).toBe(name)
    expect(serviceAt(`${prefix}/any/path`)?.name).toBe(name)
    expect(serviceAt(`${prefix}x`)?.name).not.toBe(name)
  })

  it('serves nothing outside the prefixes', () => {
    expect(serviceAt('/')).toBeUndefined()
    expect(serviceAt('/nope')).toBeUndefined()
  })
})
