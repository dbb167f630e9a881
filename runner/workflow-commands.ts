// Reads a step's stdout as the runner does: workflow commands, masks, and the log a user sees.

export interface StepLog {
  /** Values registered with ::add-mask::, in order. */
  readonly masks: string[]
  /** ::error:: messages, unescaped. */
  readonly errors: string[]
  readonly warnings: string[]
  /** The log as the job page shows it: masked, commands rendered. */
  readonly lines: string[]
}

const COMMAND = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/

const unescapeData = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

export function readStepLog(stdout: string, knownMasks: readonly string[] = []): StepLog {
  const masks: string[] = []
  const active = [...knownMasks]
  const errors: string[] = []
  const warnings: string[] = []
  const lines: string[] = []
  const mask = (text: string) =>
    active.filter((m) => m.length > 0).reduce((t, secret) => t.split(secret).join('***'), text)
  for (const raw of stdout.split('\n')) {
    const command = COMMAND.exec(raw)
    if (!command) {
      lines.push(mask(raw))
      continue
    }
    const [, name, , data] = command
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
    if (name === 'error') errors.push(value)
    if (name === 'warning') warnings.push(value)
    const rendered = name === 'endgroup' ? '##[endgroup]' : `##[${name}]${value}`
    lines.push(...mask(rendered).split('\n'))
  }
  return { masks, errors, warnings, lines }
}
