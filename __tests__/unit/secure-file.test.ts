import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkOwnDirectory, writeSecureFile } from '../../src/state/secure-file.js'

const scratch = () => mkdtempSync(join(tmpdir(), 'keyless-secure-'))
const unrecorded = () => undefined

describe('writeSecureFile', () => {
  it('creates a 0700 directory and a new 0600 file with a random name', () => {
    const dir = join(scratch(), 'keyless-aws')
    const a = writeSecureFile(dir, 'credentials', 'one', unrecorded)
    const b = writeSecureFile(dir, 'credentials', 'two', unrecorded)
    expect(a).not.toBe(b)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(a).mode & 0o777).toBe(0o600)
  })

  it('names the path to record before the file exists, so a kill between leaves none unrecorded', () => {
    const dir = join(scratch(), 'keyless-aws')
    const seen: [string, boolean][] = []
    const path = writeSecureFile(dir, 'credentials', 'one', (p) => seen.push([p, existsSync(p)]))
    expect(seen).toEqual([[path, false]])
    expect(readFileSync(path, 'utf8')).toBe('one')
  })

  it('refuses a directory that is a symbolic link, and writes nothing where it points', () => {
    const root = scratch()
    const elsewhere = join(root, 'elsewhere')
    mkdirSync(elsewhere, { mode: 0o700 })
    symlinkSync(elsewhere, join(root, 'keyless-aws'))
    expect(() =>
      writeSecureFile(join(root, 'keyless-aws'), 'credentials', 'x', unrecorded)
    ).toThrow(
      /keyless-aws is a symbolic link; keyless-aws writes credentials only into its own directory/
    )
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('refuses a directory others may read or write', () => {
    const dir = join(scratch(), 'keyless-aws')
    mkdirSync(dir)
    chmodSync(dir, 0o777)
    expect(() => writeSecureFile(dir, 'config', 'x', unrecorded)).toThrow(
      /not a directory of mode 0700/
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('on Windows, where there are no mode bits, accepts its directory but still refuses a link', () => {
    const root = scratch()
    const dir = join(root, 'keyless-aws')
    mkdirSync(dir)
    chmodSync(dir, 0o777)
    expect(() => checkOwnDirectory(dir, 'win32')).not.toThrow()
    expect(() => checkOwnDirectory(dir, 'linux')).toThrow(/not a directory of mode 0700/)
    symlinkSync(dir, join(root, 'link'))
    expect(() => checkOwnDirectory(join(root, 'link'), 'win32')).toThrow(/is a symbolic link/)
  })
})
