// Reads a step's stdout as the runner does: workflow commands, masks, and the log a user sees.

/** An ::error::, ::warning:: or ::notice:: command: what the run page shows as an annotation. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice'
  /** The title property, unescaped; undefined when the command had none. */
  readonly title: string | undefined
  /** Every property the command carried (title, file, line, …), unescaped. */
  readonly properties: Readonly<Record<string, string>>
  readonly message: string
}

export interface StepLog {
  /** Values registered with ::add-mask::, in order. */
  readonly masks: string[]
  /** ::error:: messages, unescaped. */
  readonly errors: string[]
  readonly warnings: string[]
  /** Every annotation command, in order, with its properties. */
  readonly annotations: Annotation[]
  /** ::debug:: messages, unescaped, whether or not the runner would show them. */
  readonly debug: string[]
  /** The log as the job page shows it: masked, commands rendered, debug lines only in debug mode. */
  readonly lines: string[]
  /** Every command the runner acted on, in order, whichever form it came in. */
  readonly commands: Command[]
}

// The runner takes the name up to a space, then properties, up to the first '::' after the
// leading one; so a property value may hold a single ':', though @actions/core escapes it. It
// looks for the leading '::' after any leading whitespace.
const COMMAND = /^\s*::([a-z-]+)(?: (.*?))?::(.*)$/
// The runner's older form, which it still honours anywhere in a line: ##[name k=v;k=v]data.
const LEGACY_COMMAND = /##\[([a-z-]+)(?: ([^\]]*))?\](.*)$/

// Only these names are commands; a line with any other name is shown as it is.
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands'
])

const unescapeData = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

const unescapeProperty = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

const unescapeLegacy = (s: string) =>
  s
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%25/g, '%')

/** `key=value,key=value`; a pair without '=' or with an empty value is dropped, as the runner does. */
function parseProperties(
  text: string | undefined,
  separator = ',',
  unescape = unescapeProperty
): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of (text ?? '').split(separator)) {
    const at = pair.indexOf('=')
    if (at <= 0 || at === pair.length - 1) continue
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1))
  }
  return properties
}

/** A workflow command the runner acted on, in either of the forms it reads. */
export interface Command {
  readonly name: string
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
  /** The line of stdout that carried it, as the step printed it. */
  readonly line: string
}

/** The command a line carries, as the runner reads it: the :: form first, then the ##[ form. */
function commandIn(line: string): Command | undefined {
  const current = COMMAND.exec(line)
  if (current && REGISTERED.has(current[1])) {
    const [, name, propertyText, data] = current
    return { name, properties: parseProperties(propertyText), data: unescapeData(data), line }
  }
  const legacy = LEGACY_COMMAND.exec(line)
  if (legacy && REGISTERED.has(legacy[1])) {
    const [, name, propertyText, data] = legacy
    const properties = parseProperties(propertyText, ';', unescapeLegacy)
    return { name, properties, data: unescapeLegacy(data), line }
  }
  return undefined
}

const LEVELS = new Set(['error', 'warning', 'notice'])

export function readStepLog(
  stdout: string,
  knownMasks: readonly string[] = [],
  options: { readonly debugMode?: boolean } = {}
): StepLog {
  const masks: string[] = []
  const active = [...knownMasks]
  const annotations: Annotation[] = []
  const debug: string[] = []
  const lines: string[] = []
  const commands: Command[] = []
  const mask = (text: string) =>
    active.filter((m) => m.length > 0).reduce((t, secret) => t.split(secret).join('***'), text)
  // Set by ::stop-commands::TOKEN: lines are shown as they are until a line ::TOKEN:: ends it.
  let stoppedUntil: string | undefined
  // The runner reads output line by line, and a carriage return alone ends a line too.
  for (const raw of stdout.split(/\r\n|\r|\n/)) {
    if (stoppedUntil !== undefined) {
      if (raw.trim() === `::${stoppedUntil}::`) stoppedUntil = undefined
      else lines.push(mask(raw))
      continue
    }
    const command = commandIn(raw)
    if (!command) {
      lines.push(mask(raw))
      continue
    }
    commands.push(command)
    const { name, properties, data: value } = command
    if (name === 'stop-commands') {
      stoppedUntil = value
      continue
    }
    if (name === 'add-mask') {
      masks.push(value)
      // The runner masks the whole value and also each of its lines.
      active.push(
        value,
        ...value
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      )
      active.sort((a, b) => b.length - a.length)
      continue
    }
    if (LEVELS.has(name)) {
      annotations.push({
        level: name as Annotation['level'],
        title: properties.title,
        properties,
        message: value
      })
    }
    if (name === 'debug') {
      debug.push(value)
      if (!options.debugMode) continue
    }
    const rendered = name === 'endgroup' ? '##[endgroup]' : `##[${name}]${value}`
    lines.push(...mask(rendered).split('\n'))
  }
  const messages = (level: Annotation['level']) =>
    annotations.filter((a) => a.level === level).map((a) => a.message)
  return {
    masks,
    errors: messages('error'),
    warnings: messages('warning'),
    annotations,
    debug,
    lines,
    commands
  }
}
