import { appendFileSync } from 'node:fs'

// The runner's file commands, as @actions/core writes them but without loading node:crypto for
// every value. A value with no line break cannot end its own line, so it goes in the plain
// NAME=value form the runner reads; credentials, ARNs, regions, dates and JSON state (JSON.stringify
// never writes a raw line break) are all of that kind. Anything else goes in a heredoc whose
// delimiter is a random UUID, so a value cannot guess it and end the heredoc early.

type FileCommand = 'ENV' | 'OUTPUT' | 'STATE'

/** Names the runner reads in the plain form: no '=' and no '<<' to confuse where the value starts. */
const PLAIN_NAME = /^[A-Za-z_][\w-]*$/

function commandText(name: string, value: string): string {
  if (PLAIN_NAME.test(name) && !/[\r\n]/.test(value)) return `${name}=${value}\n`
  const { randomUUID } = process.getBuiltinModule('node:crypto')
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected input: ${name} or its value holds the delimiter ${delimiter}`)
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
}

/** Strings as they are, anything else as JSON, as @actions/core does. */
const asText = (value: unknown) =>
  value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

function append(command: FileCommand, name: string, value: unknown): void {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`GITHUB_${command} is not set: not running as a step of a job`)
  appendFileSync(file, commandText(name, asText(value)), { encoding: 'utf8' })
}

/** A variable for this step's process and the following steps. */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  append('ENV', name, value)
}

export function setOutput(name: string, value: string): void {
  append('OUTPUT', name, value)
}

/** State for post, which reads it back as STATE_<name>. */
export function saveState(name: string, value: unknown): void {
  append('STATE', name, value)
}
