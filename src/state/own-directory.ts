import { lstatSync } from 'node:fs'
import { STATE_KEYS } from './keys.js'
import type { SaveState } from './schema.js'

/**
 * Saves which directory main writes its files in: its path, and the device and inode numbers that
 * name it whatever path leads to it (as text: they may not fit a JSON number). Post deletes a
 * recorded file only from that very directory, so it finds main's files even where RUNNER_TEMP no
 * longer says where they are, and damaged or forged state, which names some other directory or
 * no real one, gets nothing deleted. Called once the directory is made and checked as ours.
 */
export function recordOwnDirectory(dir: string, save: SaveState): void {
  const { dev, ino } = lstatSync(dir, { bigint: true })
  save(STATE_KEYS.ownDirectory, { dir, dev: String(dev), ino: String(ino) })
}
