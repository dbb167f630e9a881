import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tableAfter } from './markdown-table.js'
import { INCUMBENT_INPUTS, INCUMBENT_OUTPUTS } from './incumbent-action.js'
import { readActionMetadata } from '../../runner/action-metadata.js'

const GUIDE = new URL('../../docs/migrating-from-configure-aws-credentials.md', import.meta.url)
const doc = readFileSync(GUIDE, 'utf8')
const action = readActionMetadata()
const ours = Object.keys(action.inputs)

/** The names a cell gives in backticks. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])

// A verdict is exactly one of three forms; the two that are not "same" say how, or why.
const VERDICT = /^(same|different: .{10,}|refused: .{10,})$/

// The e2e test cell: a link whose text is the test's title, to the file that holds it.
const TEST_LINK = /^\[([^\]]+)\]\(\.\.\/(__tests__\/e2e\/[\w.-]+\.test\.ts)\)$/

interface Row {
  readonly theirs: string
  readonly counterpart: string
  readonly verdict: string
  readonly test: { readonly title: string; readonly file: string } | undefined
  /** The test cell as written, for messages. */
  readonly testCell: string
}

function rowsUnder(heading: string): Row[] {
  return tableAfter(doc, heading).map(([theirs, counterpart, verdict, testCell]) => {
    const link = TEST_LINK.exec(testCell ?? '')
    return {
      theirs: names(theirs)[0],
      counterpart,
      verdict,
      test: link ? { title: link[1], file: link[2] } : undefined,
      testCell: testCell ?? ''
    }
  })
}

/** The titles of the it(...) calls in a test file, quotes unescaped. */
function testTitles(file: string): string[] {
  const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
  return [...source.matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) =>
    m[2].replace(/\\(.)/g, '$1')
  )
}

describe('docs/migrating-from-configure-aws-credentials.md', () => {
  const inputs = rowsUnder('## Inputs')
  const outputs = rowsUnder('## Outputs')

  it('has a row for every input of the incumbent, once each, in the fixture’s order', () => {
    expect(inputs.map((r) => r.theirs)).toEqual(INCUMBENT_INPUTS)
  })

  it('has a row for every output of the incumbent, with our output of the same name', () => {
    expect(outputs.map((r) => r.theirs)).toEqual(INCUMBENT_OUTPUTS)
    for (const row of outputs) {
      expect(names(row.counterpart), row.theirs).toEqual([row.theirs])
      expect(Object.keys(action.outputs)).toContain(row.theirs)
    }
  })

  it('gives each row exactly one verdict: same, different: how, or refused: why', () => {
    for (const row of [...inputs, ...outputs]) expect(row.verdict, row.theirs).toMatch(VERDICT)
  })

  it('names, for every "same" row, the e2e test that runs the pattern', () => {
    const same = [...inputs, ...outputs].filter((r) => r.verdict === 'same')
    expect(same.length).toBeGreaterThan(0)
    for (const row of same) expect(row.test, `${row.theirs}: ${row.testCell}`).toBeDefined()
  })

  it('names only tests that exist, by their exact title in the named file', () => {
    for (const row of [...inputs, ...outputs]) {
      if (!row.test) {
        // A cell that is not empty must be a well-formed link, or it would be skipped unseen.
        expect(row.testCell, row.theirs).toBe('')
        continue
      }
      const { title, file } = row.test
      expect(existsSync(new URL(`../../${file}`, import.meta.url)), `${row.theirs}: ${file}`).toBe(
        true
      )
      expect(testTitles(file), `${row.theirs}: ${file}`).toContain(title)
    }
  })

  it('names only inputs our action.yml declares, and "—" only for what is not ours', () => {
    for (const row of inputs) {
      if (row.counterpart === '—') expect(ours, row.theirs).not.toContain(row.theirs)
      else expect(ours, row.theirs).toContain(names(row.counterpart)[0])
    }
  })

  it('maps every input we share by name to itself', () => {
    for (const row of inputs) {
      if (ours.includes(row.theirs))
        expect(names(row.counterpart), row.theirs).toEqual([row.theirs])
    }
  })

  it('calls "refused" only inputs we do not declare', () => {
    for (const row of inputs.filter((r) => r.verdict.startsWith('refused: ')))
      expect(ours, row.theirs).not.toContain(row.theirs)
  })

  it('lists each of our inputs the incumbent lacks under what keyless-aws adds', () => {
    const mapped = new Set(inputs.flatMap((r) => names(r.counterpart)))
    const added = tableAfter(doc, '## What keyless-aws adds').flatMap((r) => names(r[0]))
    expect(added.sort()).toEqual(ours.filter((name) => !mapped.has(name)).sort())
  })
})
