import { describe, expect, it } from 'vitest'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'
import type { StateKey } from '../../src/state/keys.js'
import { parseState, savedState } from '../../src/state/schema.js'

const CHANGE = { name: 'AWS_REGION', restores: false, digest: 'cbf29ce484222325' }
const SESSION = { portalUrl: 'http://127.0.0.1:1', tokenFile: '/temp/keyless-aws/t' }
const OWN = { dir: '/temp/keyless-aws', dev: '2049', ino: '18446744073709551615' }

describe('parseState: the value main could have written, or nothing', () => {
  it.each<[string, StateKey, string, unknown]>([
    ['a list of paths', STATE_KEYS.writtenFiles, '["/a","/b"]', ['/a', '/b']],
    ['an empty list', STATE_KEYS.writtenFiles, '[]', []],
    ['a path that is not a string', STATE_KEYS.writtenFiles, '["/a",7]', undefined],
    ['an object for a list', STATE_KEYS.writtenFiles, '{"0":"/a"}', undefined],
    ['text cut short', STATE_KEYS.writtenFiles, '["/a",', undefined],
    ['a list of changes', STATE_KEYS.envChanges, JSON.stringify([CHANGE]), [CHANGE]],
    [
      'a change whose restores is not a boolean',
      STATE_KEYS.envChanges,
      JSON.stringify([{ ...CHANGE, restores: 'false' }]),
      undefined
    ],
    ['a change with no digest', STATE_KEYS.envChanges, '[{"name":"A","restores":true}]', undefined],
    ['null in a list of changes', STATE_KEYS.envChanges, '[null]', undefined],
    ['a path, saved as it is', STATE_KEYS.previousValues, '/temp/p', '/temp/p'],
    ['no path', STATE_KEYS.previousValues, '', undefined],
    ['a session', STATE_KEYS.identityCenterSession, JSON.stringify(SESSION), SESSION],
    [
      'a session with no token file',
      STATE_KEYS.identityCenterSession,
      JSON.stringify({ portalUrl: SESSION.portalUrl }),
      undefined
    ],
    ['null for a session', STATE_KEYS.identityCenterSession, 'null', undefined],
    ['a string for a session', STATE_KEYS.identityCenterSession, '"x"', undefined],
    [
      'a directory, its inode beyond a JSON number',
      STATE_KEYS.ownDirectory,
      JSON.stringify(OWN),
      OWN
    ],
    [
      'a directory whose inode is a number',
      STATE_KEYS.ownDirectory,
      JSON.stringify({ ...OWN, ino: 12 }),
      undefined
    ],
    [
      'a directory whose device is not a numeral',
      STATE_KEYS.ownDirectory,
      JSON.stringify({ ...OWN, dev: '-1' }),
      undefined
    ],
    ['text for a directory', STATE_KEYS.ownDirectory, 'abc', undefined]
  ])('%s', (_case, key, text, expected) => {
    expect(parseState(key, text)).toEqual(expected)
  })
})

describe('savedState: what post reads', () => {
  it('is undefined when main saved nothing under the key', () => {
    expect(savedState({}, STATE_KEYS.writtenFiles)).toBeUndefined()
    expect(savedState({ [stateVariable(STATE_KEYS.envChanges)]: '' }, STATE_KEYS.envChanges)).toBe(
      undefined
    )
  })

  it('reads the value from STATE_<key>', () => {
    const env = { [stateVariable(STATE_KEYS.writtenFiles)]: '["/a"]' }
    expect(stateVariable(STATE_KEYS.writtenFiles)).toBe(`STATE_${STATE_KEYS.writtenFiles}`)
    expect(savedState(env, STATE_KEYS.writtenFiles)).toEqual(['/a'])
  })

  it('throws, naming the key, rather than hand post a damaged value', () => {
    const env = { [stateVariable(STATE_KEYS.identityCenterSession)]: '{"portalUrl":' }
    expect(() => savedState(env, STATE_KEYS.identityCenterSession)).toThrow(
      `the saved state ${STATE_KEYS.identityCenterSession} is damaged`
    )
  })
})
