import type { EnvChange } from './env-change.js'
import { STATE_KEYS, stateVariable } from './keys.js'
import type { StateKey } from './keys.js'

/** What post needs to sign the session out; the token itself stays in a file only we can read. */
export interface SavedSession {
  readonly portalUrl: string
  readonly tokenFile: string
}

/** The directory main writes its files in: its path, and its device and inode numbers as text. */
export interface OwnDirectory {
  readonly dir: string
  readonly dev: string
  readonly ino: string
}

/** The value saved under each key. @actions/core saves a string as it is and anything else as JSON. */
export interface StateValues {
  readonly [STATE_KEYS.writtenFiles]: readonly string[]
  readonly [STATE_KEYS.envChanges]: readonly EnvChange[]
  readonly [STATE_KEYS.previousValues]: string
  readonly [STATE_KEYS.identityCenterSession]: SavedSession
  readonly [STATE_KEYS.ownDirectory]: OwnDirectory
}

/** How main saves state (core.saveState), held to the contract. */
export type SaveState = <K extends StateKey>(key: K, value: StateValues[K]) => void

const isString = (value: unknown): value is string => typeof value === 'string'

function isEnvChange(value: unknown): value is EnvChange {
  const change = value as Partial<EnvChange> | null
  return isString(change?.name) && isString(change?.digest) && typeof change?.restores === 'boolean'
}

function isSession(value: unknown): value is SavedSession {
  const session = value as Partial<SavedSession> | null
  return isString(session?.portalUrl) && isString(session?.tokenFile)
}

const isNumeral = (value: unknown) => isString(value) && /^\d+$/.test(value)

function isOwnDirectory(value: unknown): value is OwnDirectory {
  const own = value as Partial<OwnDirectory> | null
  return isString(own?.dir) && isNumeral(own?.dev) && isNumeral(own?.ino)
}

function json(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function listOf<T>(value: unknown, is: (entry: unknown) => entry is T): readonly T[] | undefined {
  return Array.isArray(value) && value.every(is) ? value : undefined
}

const PARSERS: { readonly [K in StateKey]: (text: string) => StateValues[K] | undefined } = {
  [STATE_KEYS.writtenFiles]: (text) => listOf(json(text), isString),
  [STATE_KEYS.envChanges]: (text) => listOf(json(text), isEnvChange),
  [STATE_KEYS.previousValues]: (text) => text || undefined,
  [STATE_KEYS.identityCenterSession]: (text) => {
    const value = json(text)
    return isSession(value) ? value : undefined
  },
  [STATE_KEYS.ownDirectory]: (text) => {
    const value = json(text)
    return isOwnDirectory(value) ? value : undefined
  }
}

/** The value saved under `key` if `text` is one main could have written; otherwise nothing. */
export function parseState<K extends StateKey>(key: K, text: string): StateValues[K] | undefined {
  return PARSERS[key](text)
}

/**
 * What main saved under `key`, as post finds it in `env`; undefined when main saved nothing. A
 * damaged value throws rather than be acted on: post would delete or restore on its word.
 */
export function savedState<K extends StateKey>(
  env: NodeJS.ProcessEnv,
  key: K
): StateValues[K] | undefined {
  const text = env[stateVariable(key)] ?? ''
  if (!text) return undefined
  const value = parseState(key, text)
  if (value === undefined) throw new Error(`the saved state ${key} is damaged`)
  return value
}
