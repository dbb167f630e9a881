import { constants, closeSync, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { tempDirFailure } from './temp-dir-failure.js'

/** Where the action keeps the files it writes for the job: the runner's per-job temp directory. */
export function actionTempDir(env: NodeJS.ProcessEnv): string {
  return join(env.RUNNER_TEMP || env.TMPDIR || '/tmp', 'keyless-aws')
}

/**
 * Writes a secret to a new file only this user can read: created exclusively (an existing file or
 * a link planted at the path fails the write), with a random name, in a 0700 directory. `record`
 * hears the path before the file exists, so that a step killed at any point leaves no secret file
 * that post does not know of (post finds a recorded file missing, which is fine).
 */
export function writeSecureFile(
  dir: string,
  prefix: string,
  content: string,
  record: (path: string) => void
): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  } catch (err) {
    throw tempDirFailure(dir, err)
  }
  checkOwnDirectory(dir)
  // node:crypto loads here, when a file is written, not with every step that imports this module.
  const { randomBytes } = process.getBuiltinModule('node:crypto')
  const path = join(dir, `${prefix}-${randomBytes(12).toString('hex')}`)
  record(path)
  let fd: number
  try {
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600
    )
  } catch (err) {
    throw tempDirFailure(dir, err)
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`)
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  return path
}

/**
 * A directory planted before the action ran (a link elsewhere, or one others may write to) would
 * let them read or swap the files: refused. Windows has no mode bits or uid to compare; there the
 * directory inherits the ACL of RUNNER_TEMP, which only the runner's account can reach.
 */
export function checkOwnDirectory(dir: string, platform: NodeJS.Platform = process.platform): void {
  const found = lstatSync(dir)
  const posixOwned =
    platform === 'win32' || ((found.mode & 0o077) === 0 && found.uid === process.getuid?.())
  if (found.isDirectory() && posixOwned) return
  throw new Error(
    `${dir} is ${found.isSymbolicLink() ? 'a symbolic link' : 'not a directory of mode 0700 owned by this user'}; keyless-aws writes credentials only into its own directory. Remove it and re-run.`
  )
}
