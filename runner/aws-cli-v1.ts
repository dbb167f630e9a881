import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'

let cached: string | undefined

/**
 * The AWS CLI v1 (pip's awscli), which many self-hosted runners and older images still carry.
 * Debian packages only v2, so v1 is looked for where pip puts it: AWS_CLI_V1 if set, then the
 * `aws` of each pyenv version and every one on PATH, the first that says it is 1.x. Absent, the tests that
 * need it fail with this message rather than pass without it.
 */
export function awsCliV1(env: NodeJS.ProcessEnv = process.env): string {
  if (cached) return cached
  const pyenv = env.PYENV_ROOT || join(homedir(), '.pyenv')
  const versions = join(pyenv, 'versions')
  // pyenv's own installs before its shims on PATH: a shim runs whichever Python pyenv selects.
  const candidates = [
    ...(env.AWS_CLI_V1 ? [env.AWS_CLI_V1] : []),
    ...(existsSync(versions)
      ? readdirSync(versions).map((v) => join(versions, v, 'bin', 'aws'))
      : []),
    ...(env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'aws'))
  ]
  for (const file of new Set(candidates.filter((c) => existsSync(c)))) {
    const run = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 })
    if (run.status === 0 && /^aws-cli\/1\./.test(`${run.stdout}${run.stderr}`.trim()))
      return (cached = file)
  }
  throw new Error(
    `The AWS CLI v1 was not found (looked at AWS_CLI_V1, PATH and ${versions}/*/bin/aws). ` +
      'Install it with `pip install awscli` into a Python of its own, or set AWS_CLI_V1 to its `aws`.'
  )
}
