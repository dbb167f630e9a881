import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFileCommands } from '../../../runner/file-commands.js'
import { readStepLog } from '../../../runner/workflow-commands.js'

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'fc-')), 'f')
  writeFileSync(path, text)
  return path
}

describe('parseFileCommands', () => {
  it('reads key=value lines and heredocs; later entries win', () => {
    const path = file('A=1\nB<<ghadelimiter_x\nline 1\nline 2\nghadelimiter_x\nA=2\nC<<D\n\nD\n')
    expect(parseFileCommands(path)).toEqual({ A: '2', B: 'line 1\nline 2', C: '' })
  })

  it('rejects a heredoc without its closing delimiter, as the runner does', () => {
    expect(() => parseFileCommands(file('A<<EOF\nvalue\n'))).toThrow(/Matching delimiter not found/)
  })
})

describe('readStepLog', () => {
  it('masks registered values in later lines and renders commands', () => {
    const log = readStepLog(
      '::add-mask::s3cr3t%25x\nthe key s3cr3t%x\n::group::Claims\n::error::failed: s3cr3t%x%0Anext line\n'
    )
    expect(log.masks).toEqual(['s3cr3t%x'])
    expect(log.lines).toEqual([
      'the key ***',
      '##[group]Claims',
      '##[error]failed: ***',
      'next line',
      ''
    ])
    expect(log.errors).toEqual(['failed: s3cr3t%x\nnext line'])
  })
})
