import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tableAfter } from './docs/markdown-table.js'
import { readActionMetadata } from '../runner/action-metadata.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const action = readActionMetadata()

const name = (cell: string) => cell.replace(/`/g, '')

describe('README', () => {
  it('lists every input of action.yml, with its required flag and default', () => {
    const rows = tableAfter(readme, '## Inputs')
    expect(rows.map((r) => name(r[0]))).toEqual(Object.keys(action.inputs))
    for (const [input, required, fallback] of rows) {
      const declared = action.inputs[name(input)]
      expect(required, input).toBe(declared.required ? 'yes' : 'no')
      if (declared.default !== undefined) expect(name(fallback), input).toBe(declared.default)
    }
  })

  it('lists every output of action.yml', () => {
    expect(tableAfter(readme, '## Outputs').map((r) => name(r[0]))).toEqual(
      Object.keys(action.outputs)
    )
  })

  it('gives the two commands on its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n')
    expect(firstScreen).toContain('npm ci && npm run demo')
    expect(firstScreen).toContain('npm test')
  })
})
