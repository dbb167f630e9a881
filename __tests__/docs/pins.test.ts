// The workflows users copy (the README's and docs' YAML snippets and examples/) follow the README's
// own advice: our action pinned by the full commit SHA of one release, with that version (the one
// in package.json) in a comment, and actions/checkout at the very pin this repository's CI uses.
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fencedBlocks } from './snippets.js'

const ROOT = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8')
const list = (dir: string, pattern: RegExp) =>
  readdirSync(new URL(`${dir}/`, ROOT))
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => `${dir}/${name}`)

// A YAML block is a workflow, or a part of one, unless it is a CloudFormation template.
const isCloudFormation = (text: string) => /^(AWSTemplateFormatVersion|Resources):/m.test(text)

interface Snippet {
  readonly where: string
  readonly text: string
}
const snippets: Snippet[] = [
  ...['README.md', ...list('docs', /\.md$/)].flatMap((file) =>
    fencedBlocks(file, read(file))
      .filter((b) => ['yaml', 'yml'].includes(b.lang) && !isCloudFormation(b.text))
      .map((b) => ({ where: `${file}:${b.line}`, text: b.text }))
  ),
  ...list('examples', /\.ya?ml$/).map((file) => ({ where: file, text: read(file) }))
]
const usesOf = (text: string) =>
  [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+?)\s*$/gm)].map((m) => m[1])

const version = (JSON.parse(read('package.json')) as { version: string }).version
const ciCheckout = usesOf(read('.github/workflows/ci.yml')).find((u) =>
  u.startsWith('actions/checkout@')
)

describe('workflow snippets users copy', () => {
  it('are found: every workflow snippet of the README, docs/ and examples/', () => {
    // 9 in the Markdown files and 4 examples today; fewer means the finder lost some.
    expect(snippets.length).toBeGreaterThanOrEqual(13)
    expect(ciCheckout).toMatch(/^actions\/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
  })

  it('pin keyless-aws by one full commit SHA, with the version of package.json in a comment', () => {
    const pins = snippets.flatMap((s) =>
      usesOf(s.text)
        .filter((u) => u.startsWith('keyless-aws/'))
        .map((use) => ({ where: s.where, use }))
    )
    // Every snippet but TROUBLESHOOTING's permissions block uses the action.
    expect(pins.length).toBeGreaterThanOrEqual(snippets.length - 1)
    const shas = new Set<string>()
    for (const { where, use } of pins) {
      const pin = /^keyless-aws\/keyless-aws@([0-9a-f]{40}) # v(\S+)$/.exec(use)
      expect(pin, `${where}: uses: ${use}`).not.toBeNull()
      expect(pin?.[2], `${where}: the version in the comment`).toBe(version)
      shas.add(pin?.[1] ?? '')
    }
    expect([...shas], 'one release SHA everywhere').toHaveLength(1)
  })

  it('use actions/checkout at the pin CI uses', () => {
    for (const s of snippets)
      for (const use of usesOf(s.text).filter((u) => u.startsWith('actions/checkout')))
        expect(use, s.where).toBe(ciCheckout)
  })
})
