import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { STATE_KEYS, stateVariable } from '../../src/state/keys.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.git'])
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/

/** The literal texts that would spell a state key: the key, or its STATE_ variable. */
const SPELLINGS = new Set(Object.values(STATE_KEYS).flatMap((key) => [key, stateVariable(key)]))

/** Every string literal, template part or property name in `source` that spells a state key. */
function literalKeys(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (SPELLINGS.has(node.text)) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file))
        found.push(`${fileName}:${line + 1}: ${JSON.stringify(node.text)}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : codeFiles(path)
    return CODE.test(entry.name) ? [path] : []
  })
}

describe('the state keys are written in src/state/ only', () => {
  it('finds a key planted as a literal, a property name, a template or a STATE_ variable', () => {
    const planted = [
      `core.saveState('${STATE_KEYS.writtenFiles}', '[]')`,
      `const env = { "${stateVariable(STATE_KEYS.envChanges)}": '[' }`,
      `main.state[\`${STATE_KEYS.previousValues}\`]`,
      `const s = \`${STATE_KEYS.identityCenterSession}\${''}\``
    ].join('\n')
    expect(literalKeys('planted.ts', planted)).toEqual([
      `planted.ts:1: "${STATE_KEYS.writtenFiles}"`,
      `planted.ts:2: "${stateVariable(STATE_KEYS.envChanges)}"`,
      `planted.ts:3: "${STATE_KEYS.previousValues}"`,
      `planted.ts:4: "${STATE_KEYS.identityCenterSession}"`
    ])
    // A module path or a longer text that contains a key is not the key.
    expect(literalKeys('ok.ts', `import '../state/${STATE_KEYS.writtenFiles}.js'`)).toEqual([])
  })

  it('no file outside src/state/ spells one: they import STATE_KEYS', () => {
    const files = codeFiles(ROOT).filter(
      (path) => !relative(ROOT, path).startsWith(join('src', 'state') + sep)
    )
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((path) =>
      literalKeys(relative(ROOT, path), readFileSync(path, 'utf8'))
    )
    expect(found).toEqual([])
  })
})
