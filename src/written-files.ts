import * as core from './post-commands.js'
import { rmSync } from 'node:fs'

/** The state key listing files main wrote, which post deletes. */
export const FILES_STATE_KEY = 'written-files'

export function deleteWrittenFiles(): void {
  const saved = core.getState(FILES_STATE_KEY)
  if (!saved) return
  const files = JSON.parse(saved) as string[]
  for (const file of files) rmSync(file, { force: true })
  core.info(`Deleted ${files.join(', ')}.`)
}
