// Text from outside the action (an answer's message, a token's claims, a file's contents) reaches
// the log only through escapeData, whatever line or command carries it.

/**
 * The text as one inert piece of a log line. `%`, CR and LF become `%25`, `%0D` and `%0A`, as the
 * runner expects in a command's data (and turns back there); so the text cannot end its line and
 * start one of its own. The runner also acts on `##[name]` anywhere in a line and on `::name::`
 * after leading spaces: both are broken up, so that a plain line holding them stays plain.
 */
export function escapeData(text: string): string {
  return text
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/##\[/g, '##%5B')
    .replace(/^(\s*)::/, '$1%3A:')
}
