import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export interface ActionInput {
  readonly description: string
  readonly required?: boolean
  readonly default?: string
}

export interface ActionMetadata {
  readonly inputs: Record<string, ActionInput>
  readonly outputs: Record<string, { description: string }>
  readonly runs: { using: string; main: string; post?: string; 'post-if'?: string }
}

export function readActionMetadata(
  path = new URL('../action.yml', import.meta.url)
): ActionMetadata {
  return parse(readFileSync(path, 'utf8')) as ActionMetadata
}

/** The INPUT_* variables the runner gives a step: given values over declared defaults. */
export function inputEnv(
  meta: ActionMetadata,
  given: Record<string, string>
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, input] of Object.entries(meta.inputs)) {
    if (input.default !== undefined) env[inputName(name)] = String(input.default)
  }
  for (const [name, value] of Object.entries(given)) env[inputName(name)] = value
  return env
}

// The runner keeps hyphens and upper-cases the rest; spaces become underscores.
const inputName = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
