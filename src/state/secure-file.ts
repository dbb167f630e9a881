import { constants, closeSync, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
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
  const path = reserveSecureFile(dir, prefix, record)
  writeReservedFile(path, content)
  return path
}

/**
 * The first half of writeSecureFile: makes sure of the directory, picks the file's name and has it
 * recorded, writing nothing else. For a secret whose file must be its very first write once it
 * exists (the Identity Center token): its records are then made before it is even asked for.
 */
export function reserveSecureFile(
  dir: string,
  prefix: string,
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
  return path
}

/** The second half: creates the reserved file (0600, exclusively, never through a link) with `content`. */
export function writeReservedFile(path: string, content: string): void {
  let fd: number
  try {
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600
    )
  } catch (err) {
    throw tempDirFailure(dirname(path), err)
  }
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`)
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
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
