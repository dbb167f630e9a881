import { lstatSync, statSync } from 'node:fs'
import { dirname, isAbsolute, normalize, relative } from 'node:path'
import { STATE_KEYS } from '../state/keys.js'
import { savedState } from '../state/schema.js'
import type { OwnDirectory } from '../state/schema.js'
import { actionTempDir } from '../state/secure-file.js'

/** Why post leaves a recorded path alone, or undefined when it may delete (or read) it. */
export type WhyNotOurs = (file: string) => string | undefined

/**
 * What post may treat as main's: a path directly in the directory main recorded, when that path
 * still leads to that very directory (same device and inode, no link on the way) and it is still
 * this user's and closed to others; and under the action's directory in RUNNER_TEMP too, when
 * RUNNER_TEMP is set. This works with RUNNER_TEMP gone from post's environment, while damaged or
 * forged state, naming the workspace, a link or another action's files, gets nothing deleted.
 */
export function ownFiles(env: NodeJS.ProcessEnv): WhyNotOurs {
  const own = savedState(env, STATE_KEYS.ownDirectory)
  const temp = env.RUNNER_TEMP ? actionTempDir(env) : undefined
  const unproven = own ? whyNotTheSame(own) : 'main recorded no directory of its own'
  return (file) => {
    if (temp && !isInside(temp, file))
      return `the action writes only under ${temp}${runnerTempProblem(temp)}`
    if (!own || !isAbsolute(file) || normalize(file) !== file || dirname(file) !== own.dir)
      return 'not in the directory main recorded as its own'
    return unproven
  }
}

function whyNotTheSame({ dir, dev, ino }: OwnDirectory): string | undefined {
  let found
  try {
    found = lstatSync(dir, { bigint: true })
  } catch (err) {
    return `${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`
  }
  if (!found.isDirectory() || String(found.dev) !== dev || String(found.ino) !== ino)
    return `${dir} is not the directory main wrote in`
  const closed = (found.mode & 0o077n) === 0n && Number(found.uid) === process.getuid?.()
  if (process.platform !== 'win32' && !closed)
    return `${dir} is not a directory of mode 0700 owned by this user`
  return undefined
}

function isInside(dir: string, file: string): boolean {
  if (!isAbsolute(file)) return false
  const path = relative(dir, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

// Main's files are found through RUNNER_TEMP when it is set: when post has none it can use, the
// files main wrote there look foreign, and the warning says why rather than suggest forged state.
function runnerTempProblem(dir: string): string {
  try {
    if (statSync(dirname(dir)).isDirectory()) return ''
  } catch {
    // Missing, or under a file: not a directory either.
  }
  return ` (RUNNER_TEMP, ${dirname(dir)}, is not a directory in this step)`
}
