import { appendFileSync, writeSync } from 'node:fs'
import { escapeData } from '../errors/escape-data.js'

// The runner commands post uses. @actions/core would do, but loading it loads node:crypto (for
// a random file-command delimiter), which alone cost post a third of its start-up over empty node.

/**
 * A line to the job's log, written to fd 1 as it is. process.stdout, made on first use, loads
 * Node's net and stream modules for a pipe: half of post's own time, for a few lines.
 */
function print(line: string): void {
  const bytes = Buffer.from(line)
  const giveUpAt = Date.now() + PRINT_PATIENCE_MS
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(1, bytes, done)
    } catch (err) {
      // A pipe set non-blocking by whoever shares it, and full for now: try again, for a while.
      // A line nobody reads cannot be reported anywhere else, and post must end.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > giveUpAt) return
    }
  }
}

/** How long a line waits for a full pipe to the runner to take it. */
const PRINT_PATIENCE_MS = 5000

// Post's lines name what main recorded in state, which is plain environment anyone could change:
// every one is escaped, so that none can become a command of its own.
export function info(message: string): void {
  print(`${escapeData(message)}\n`)
}

const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** A warning annotation, with a title when given. */
export function warning(message: string, title?: string): void {
  const properties = title ? ` title=${escapeProperty(title)}` : ''
  print(`::warning${properties}::${escapeData(message)}\n`)
}

/** A line the runner shows only with step debug logging on (RUNNER_DEBUG=1). */
export function debug(message: string): void {
  print(`::debug::${escapeData(message)}\n`)
}

/** Sets a variable for the following steps, in the runner's heredoc form, and in `env`. */
export function exportVariable(env: NodeJS.ProcessEnv, name: string, value: string): void {
  env[name] = value
  const file = env.GITHUB_ENV
  if (!file) throw new Error('GITHUB_ENV is not set: not running as a step of a job')
  let delimiter: string
  do delimiter = `ghadelimiter_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
  while (value.includes(delimiter) || name.includes(delimiter))
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`)
}
