// actionlint over every workflow in .github/workflows and every example in examples/: any finding
// fails.
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { actionlint } from './actionlint.js'

const ROOT = new URL('../../', import.meta.url)
const workflows = ['.github/workflows', 'examples'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, ROOT))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`)
)

const lint = (path: string, source = readFileSync(new URL(path, ROOT), 'utf8')) =>
  actionlint(source, path)

describe('actionlint', () => {
  it('lints the workflows and the examples', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/e2e.yml',
        '.github/workflows/release.yml'
      ])
    )
    expect(workflows.filter((w) => w.startsWith('examples/')).length).toBeGreaterThanOrEqual(4)
  })

  it.each(workflows)('%s has no finding', async (path) => {
    expect(await lint(path)).toEqual([])
  })

  it('reports what it should (so that an empty result means something)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ steps.nope.outputs.x }}',
      '      - uses: actions/checkout@v6',
      '        with:',
      '          no-such-input: 1'
    ].join('\n')
    const findings = await lint('broken.yml', broken)
    expect(findings.join('\n')).toContain('property "nope" is not defined')
  })
})
