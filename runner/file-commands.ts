import { existsSync, readFileSync, statSync } from 'node:fs'

/**
 * Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file as the runner does: `NAME=value` lines
 * and `NAME<<DELIMITER` heredocs; later entries win. Malformed content throws, as it fails the step.
 */
export function parseFileCommands(path: string): Record<string, string> {
  const result: Record<string, string> = {}
  if (!isFile(path)) return result
  const lines = readFileSync(path, 'utf8').split('\n')
  if (lines.at(-1) === '') lines.pop()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq > 0 && (heredoc < 0 || eq < heredoc)) {
      result[line.slice(0, eq)] = line.slice(eq + 1)
      continue
    }
    if (heredoc <= 0) throw new Error(`Invalid format '${line}' in ${path}`)
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, i + 1)
    if (!delimiter || end < 0)
      throw new Error(`Matching delimiter not found '${delimiter}' in ${path}`)
    result[name] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return result
}

export function readText(path: string): string {
  return isFile(path) ? readFileSync(path, 'utf8') : ''
}

// A test may make a file command's file a directory, which takes no write: read as empty.
const isFile = (path: string) => existsSync(path) && statSync(path).isFile()

/** A write of a step to one of its file-command files, as runner/file-command-trace.mjs saw it. */
export interface FileCommandWrite {
  readonly file: 'ENV' | 'OUTPUT' | 'STATE' | 'PATH' | 'STEP_SUMMARY'
  /** How many lines the step had printed to stdout before this write. */
  readonly afterStdoutLines: number
  readonly text: string
}

export function readFileCommandTrace(path: string): FileCommandWrite[] {
  return readText(path)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FileCommandWrite)
}
