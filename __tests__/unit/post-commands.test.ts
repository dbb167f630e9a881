import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { parseFileCommands } from '../../runner/file-commands.js'
import { digestOf } from '../../src/state/env-change.js'
import { debug, exportVariable, warning } from '../../src/post/commands.js'

// Post writes its lines to fd 1 itself (src/post/commands.ts); what it writes there is kept here.
const printed: string[] = []
vi.mock('node:fs', async (original) => ({
  ...(await original<typeof import('node:fs')>()),
  writeSync: (fd: number, bytes: Buffer, offset = 0) => {
    if (fd !== 1) throw new Error(`post wrote to fd ${fd}`)
    printed.push(bytes.subarray(offset).toString())
    return bytes.length - offset
  }
}))

describe('post’s runner commands', () => {
  it('exports in the heredoc form the runner parses, values with new lines and delimiters-like text included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'env-')), 'env')
    writeFileSync(file, '')
    const env: NodeJS.ProcessEnv = { GITHUB_ENV: file }
    exportVariable(env, 'A', 'one\ntwo\nghadelimiter_x')
    exportVariable(env, 'B', '')
    expect(parseFileCommands(file)).toEqual({ A: 'one\ntwo\nghadelimiter_x', B: '' })
    expect(env.A).toBe('one\ntwo\nghadelimiter_x')
    expect(process.env.A).toBeUndefined()
  })

  it('escapes a warning so that it stays one command', () => {
    printed.length = 0
    warning('100% done\nnext')
    expect(printed).toEqual(['::warning::100%25 done%0Anext\n'])
  })

  it('escapes a warning’s title as a property, and a debug line as data', () => {
    printed.length = 0
    warning('failed: 50%', 'Clean-up: part 1, part 2')
    debug('post: a\r\nb 5%')
    expect(printed).toEqual([
      '::warning title=Clean-up%3A part 1%2C part 2::failed: 50%25\n',
      '::debug::post: a%0D%0Ab 5%25\n'
    ])
  })
})

describe('digestOf', () => {
  it('is stable, 64-bit, and tells different values apart', () => {
    expect(digestOf('eu-west-1')).toBe(digestOf('eu-west-1'))
    expect(digestOf('eu-west-1')).toMatch(/^[0-9a-f]{16}$/)
    expect(new Set(['', 'a', 'b', 'ab', 'ba', 'eu-west-1', 'eu-west-2'].map(digestOf)).size).toBe(7)
  })

  it('matches the published FNV-1a 64 test vectors', () => {
    expect(digestOf('')).toBe('cbf29ce484222325')
    expect(digestOf('a')).toBe('af63dc4c8601ec8c')
    expect(digestOf('foobar')).toBe('85944171f73967e8')
  })

  it('agrees with FNV-1a computed in BigInt over long and non-ASCII values', () => {
    const reference = (value: string) => {
      let hash = 0xcbf29ce484222325n
      for (const byte of Buffer.from(value, 'utf8'))
        hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn
      return hash.toString(16).padStart(16, '0')
    }
    const token = Array.from({ length: 1200 }, (_, i) =>
      String.fromCharCode(33 + ((i * 7919) % 94))
    )
    for (const value of [token.join(''), 'é∑😀\u0000\uffff', '\n'.repeat(300), 'ÿ'.repeat(999)])
      expect(digestOf(value)).toBe(reference(value))
  })
})
