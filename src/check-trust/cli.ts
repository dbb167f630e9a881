// check-trust from the command line: read the inputs, check, print the report, and give the exit
// status: 0 every job accepted and no error finding, 1 otherwise, 2 bad input.
import { readFileSync, readdirSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { TooComplexError } from '../trust-policy/claim-set-decision.js'
import { checkTrust } from './check.js'
import { formatSarif } from './format-sarif.js'
import { formatText } from './format-text.js'
import { BadInput, USAGE, parseOptions } from './options.js'
import { readPolicyFile } from './policy-file.js'
import { WorkflowFileError, parseWorkflow } from './workflow-file.js'
import type { WorkflowFile } from './workflow-file.js'

export interface Io {
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

export function runCheckTrust(argv: readonly string[], io: Io): number {
  try {
    const options = parseOptions(argv, io.env)
    if (options === 'help') {
      io.out(`${USAGE}\n`)
      return 0
    }
    const policy = readPolicyFile(
      options.policy,
      read(io, '--policy', options.policy),
      options.role
    )
    const workflows = workflowPaths(io, options.workflows).map((path) => workflow(io, path))
    const report = checkTrust({ ...options, policy: policy.document, workflows })
    const uri = (path: string) =>
      (isAbsolute(path) ? relative(io.cwd, path) : path).replace(/\\/g, '/')
    io.out(
      options.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : options.format === 'sarif'
          ? formatSarif(report, uri(options.policy), policy.statementLines, uri)
          : formatText(report, options.policy)
    )
    const refused = report.jobs.some((j) => !j.accepted)
    return refused || report.findings.some((f) => f.severity === 'error') ? 1 : 0
  } catch (err) {
    if (err instanceof BadInput) {
      io.err(`check-trust: ${err.message}\n(check-trust --help lists the options)\n`)
      return 2
    }
    if (err instanceof TooComplexError) {
      io.err(
        `check-trust: could not decide the policy for these workflows (${err.message}); simplify the branch filters or the policy's patterns\n`
      )
      return 2
    }
    throw err
  }
}

function read(io: Io, option: string, path: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8')
  } catch (err) {
    const code = (err as { code?: string }).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory, not a file'
          : (code ?? String(err))
    throw new BadInput(`${option} ${path}: cannot be read (${why})`)
  }
}

function workflowPaths(io: Io, given: readonly string[]): string[] {
  if (given.length > 0) return [...given]
  const dir = '.github/workflows'
  let names: string[]
  try {
    names = readdirSync(join(io.cwd, dir))
  } catch {
    throw new BadInput(
      `--workflow not given and there is no ${dir} in ${io.cwd}: give --workflow FILE for each workflow`
    )
  }
  const files = names.filter((n) => /\.ya?ml$/i.test(n)).sort()
  if (files.length === 0)
    throw new BadInput(
      `--workflow not given and ${dir} has no .yml or .yaml file: give --workflow FILE`
    )
  return files.map((n) => `${dir}/${n}`)
}

function workflow(io: Io, path: string): WorkflowFile {
  try {
    return parseWorkflow(path, read(io, '--workflow', path))
  } catch (err) {
    if (err instanceof WorkflowFileError) throw new BadInput(`--workflow ${path}: ${err.message}`)
    throw err
  }
}
