import { appendFileSync } from 'node:fs'

// The three runner commands post uses. @actions/core would do, but loading it loads node:crypto (for
// a random file-command delimiter), which alone cost post a third of its start-up over empty node.

export function info(message: string): void {
  process.stdout.write(`${message}\n`)
}

export function warning(message: string): void {
  const escaped = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  process.stdout.write(`::warning::${escaped}\n`)
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
