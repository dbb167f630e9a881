import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROBLEMS } from '../../src/errors/problems.js'

const doc = readFileSync(new URL('../../docs/TROUBLESHOOTING.md', import.meta.url), 'utf8')
const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1])

describe('docs/TROUBLESHOOTING.md', () => {
  it('has a section for every problem the action can report, and none for others', () => {
    expect([...headings].sort()).toEqual(Object.values(PROBLEMS).sort())
  })

  it('shows, in each section, the first words the action prints', () => {
    for (const title of Object.values(PROBLEMS)) {
      const section = doc.slice(doc.indexOf(`## ${title}\n`)).split(/\n## /)[0]
      expect(section, title).toContain(`${title}:`)
    }
  })
})
