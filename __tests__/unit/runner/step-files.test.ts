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

describe('readStepLog: annotations and debug lines', () => {
  it('reads the title and other properties of ::error:: and ::warning::, unescaped', () => {
    const log = readStepLog(
      '::error title=Trust policy%3A sub%2C aud,file=a.yml::failed%0Anext\n' +
        '::warning title=Pinned to a branch::use a tag\n' +
        '::notice::plain\n'
    )
    expect(log.annotations).toEqual([
      {
        level: 'error',
        title: 'Trust policy: sub, aud',
        properties: { title: 'Trust policy: sub, aud', file: 'a.yml' },
        message: 'failed\nnext'
      },
      {
        level: 'warning',
        title: 'Pinned to a branch',
        properties: { title: 'Pinned to a branch' },
        message: 'use a tag'
      },
      { level: 'notice', title: undefined, properties: {}, message: 'plain' }
    ])
    expect(log.errors).toEqual(['failed\nnext'])
    expect(log.warnings).toEqual(['use a tag'])
  })

  it('takes a single colon in a property, as the runner does, and the data after the first ::', () => {
    const log = readStepLog('::warning title=a:b::c::d\n')
    expect(log.annotations[0]).toMatchObject({ title: 'a:b', message: 'c::d' })
  })

  it('keeps ::debug:: messages, and shows them in the log only in debug mode', () => {
    const stdout = '::add-mask::s3cr3t\n::debug::token: s3cr3t%25\nvisible\n'
    expect(readStepLog(stdout).debug).toEqual(['token: s3cr3t%'])
    expect(readStepLog(stdout).lines).toEqual(['visible', ''])
    expect(readStepLog(stdout, [], { debugMode: true }).lines).toEqual([
      '##[debug]token: ***%',
      'visible',
      ''
    ])
  })
})

describe('readStepLog: every line the runner would act on', () => {
  it('takes a command after leading whitespace, and a carriage return as the end of a line', () => {
    const log = readStepLog('  ::add-mask::one\nshown\r::add-mask::two\r\n\t::warning::three\n')
    expect(log.masks).toEqual(['one', 'two'])
    expect(log.warnings).toEqual(['three'])
    expect(log.commands.map((c) => c.name)).toEqual(['add-mask', 'add-mask', 'warning'])
  })

  it('takes the ##[name] form anywhere in a line, unescaped as the runner does', () => {
    const log = readStepLog('text ##[add-mask]a%5Db\nmore ##[warning title=t%3Bu]w\n')
    expect(log.masks).toEqual(['a]b'])
    expect(log.annotations).toEqual([
      expect.objectContaining({ level: 'warning', title: 't;u', message: 'w' })
    ])
  })

  it('shows a line with a name the runner does not know as it is', () => {
    const log = readStepLog('::not-a-command::x\n##[nor-this]y\n')
    expect(log.commands).toEqual([])
    expect(log.lines).toEqual(['::not-a-command::x', '##[nor-this]y', ''])
  })

  it('acts on nothing between ::stop-commands::TOKEN and ::TOKEN::', () => {
    const log = readStepLog(
      '::stop-commands::pause1\n::add-mask::held\n##[error]held\n::pause1::\n::add-mask::after\n'
    )
    expect(log.commands.map((c) => [c.name, c.data])).toEqual([
      ['stop-commands', 'pause1'],
      ['add-mask', 'after']
    ])
    expect(log.lines).toEqual(['::add-mask::held', '##[error]held', ''])
  })
})
