import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tableAfter } from './markdown-table.js'
import { parse } from 'yaml'
import { actionlint } from './actionlint.js'
import { fencedBlocks } from './snippets.js'
import { readActionMetadata } from '../../runner/action-metadata.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const ciRun = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')
const action = readActionMetadata()

const FIRST_SCREEN = 30
const firstScreen = readme.split('\n').slice(0, FIRST_SCREEN).join('\n')
const firstBlocks = fencedBlocks('README.md', firstScreen)

const name = (cell: string) => cell.replace(/`/g, '')

/** The shell commands of a script or a shell block, one per `&&` part, without comments. */
export function commandsOf(shell: string): string[][] {
  return shell
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && !/^(set|cd)\b/.test(line))
    .flatMap((line) => line.split('&&'))
    .map((command) => command.trim().split(/\s+/))
}

/** Whether `run` runs `wanted`: a command of it begins with the same words (flags may follow). */
const runs = (run: string[][], wanted: string[]) =>
  run.findIndex((c) => wanted.every((word, i) => c[i] === word))

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

  it('gives on its first screen the two commands .ci/run runs, in the same order', () => {
    const shellBlocks = firstBlocks.filter((b) => b.lang === 'sh')
    expect(shellBlocks).toHaveLength(1)
    const readmeCommands = commandsOf(shellBlocks[0].text)
    // The run command and the test command, after the install.
    expect(readmeCommands.map((c) => c.join(' '))).toEqual(['npm ci', 'npm run demo', 'npm test'])
    const ci = commandsOf(ciRun)
    const positions = readmeCommands.map((c) => runs(ci, c))
    expect(
      positions.every((p) => p >= 0),
      `.ci/run runs ${JSON.stringify(ci)}`
    ).toBe(true)
    // CI installs first, then runs the tests, then the demo: both must pass for CI to pass.
    expect(positions[0]).toBeLessThan(positions[2])
    expect(positions[2]).toBeLessThan(positions[1])
    expect(ciRun).toMatch(/^set -euo pipefail$/m)
  })

  it('shows on its first screen a minimal workflow that actionlint passes', async () => {
    const yaml = firstBlocks.filter((b) => b.lang === 'yaml')
    expect(yaml).toHaveLength(1)
    expect(await actionlint(yaml[0].text, 'README.md (first screen)')).toEqual([])
    const workflow = parse(yaml[0].text) as {
      permissions: Record<string, string>
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>
    }
    expect(workflow.permissions['id-token']).toBe('write')
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
    const ours = steps.filter((s) => s.uses?.startsWith('keyless-aws/keyless-aws@'))
    expect(ours).toHaveLength(1)
    expect(Object.keys(ours[0].with ?? {}).sort()).toEqual(['aws-region', 'role-to-assume'])
  })

  it('links the migration guide from its first screen, and keeps it out of Security', () => {
    const guide = 'docs/migrating-from-configure-aws-credentials.md'
    expect(firstScreen).toContain(`[Coming from aws-actions/configure-aws-credentials?](${guide})`)
    const security = readme.slice(readme.indexOf('\n## Security\n'))
    expect(security.slice(0, security.indexOf('\n## ', 5))).not.toContain(guide)
  })
})
