import * as core from './commands.js'
import { rmSync } from 'node:fs'

/** The state key listing files main wrote, which post deletes. */
export const FILES_STATE_KEY = 'written-files'

/** Deletes every file main listed; one that cannot be deleted does not keep the rest. */
export function deleteWrittenFiles(): void {
  const saved = core.getState(FILES_STATE_KEY)
  if (!saved) return
  const files = JSON.parse(saved) as string[]
  const deleted: string[] = []
  const failed: string[] = []
  for (const file of files) {
    try {
      rmSync(file, { force: true })
      deleted.push(file)
    } catch (err) {
      failed.push(`${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)
    }
  }
  if (deleted.length) core.info(`Deleted ${deleted.join(', ')}.`)
  if (failed.length) throw new Error(`could not delete ${failed.join(', ')}`)
}
