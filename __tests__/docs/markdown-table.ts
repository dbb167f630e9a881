/** The rows (after the header and its rule) of the first table under a heading, as cell lists. */
export function tableAfter(markdown: string, heading: string): string[][] {
  const at = markdown.indexOf(`\n${heading}\n`)
  if (at < 0) throw new Error(`no heading ${JSON.stringify(heading)}`)
  const lines = markdown.slice(at + heading.length + 2).split('\n')
  const start = lines.findIndex((l) => l.startsWith('|'))
  if (start < 0) throw new Error(`no table under ${JSON.stringify(heading)}`)
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'))
  return lines.slice(start + 2, end < 0 ? undefined : end).map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
  )
}
