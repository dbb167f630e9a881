import { ActionError } from '../errors/index.js'
import { PROBLEMS } from '../errors/problems.js'

// What the file system says when the directory cannot be made or written in, as opposed to a
// planted file or link, which checkOwnDirectory reports in its own words.
const UNUSABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'ENOSPC', 'EDQUOT'])

/** The error to report when the action's directory under RUNNER_TEMP cannot be written to. */
export function tempDirFailure(dir: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code
  if (!code || !UNUSABLE.has(code)) return err
  return new ActionError(
    PROBLEMS.runnerTempNotWritable,
    [`${dir}: ${code}`],
    [
      `keyless-aws writes its files (profiles, the earlier values of the variables it sets, tokens) under RUNNER_TEMP, in ${dir}, and could not (${code}).`,
      'RUNNER_TEMP must name a directory this user can write to. The runner makes one for every job: if the job, a container or a service sets RUNNER_TEMP to another path, or mounts it read-only, give it a writable directory.',
      'Nothing was exported.'
    ],
    { cause: err, code }
  )
}
