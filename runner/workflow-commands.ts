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
}

// The runner takes the name up to a space, then properties, up to the first '::' after the
// leading one; so a property value may hold a single ':', though @actions/core escapes it.
const COMMAND = /^::([a-z-]+)(?: (.*?))?::(.*)$/

const unescapeData = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

const unescapeProperty = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

/** `key=value,key=value`; a pair without '=' or with an empty value is dropped, as the runner does. */
function parseProperties(text: string | undefined): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=')
    if (at <= 0 || at === pair.length - 1) continue
    properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
  }
  return properties
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
  const mask = (text: string) =>
    active.filter((m) => m.length > 0).reduce((t, secret) => t.split(secret).join('***'), text)
  for (const raw of stdout.split('\n')) {
    const command = COMMAND.exec(raw)
    if (!command) {
      lines.push(mask(raw))
      continue
    }
    const [, name, propertyText, data] = command
    const value = unescapeData(data)
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
      const properties = parseProperties(propertyText)
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
    lines
  }
}
