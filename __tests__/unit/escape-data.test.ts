import { describe, expect, it } from 'vitest'
import { escapeData } from '../../src/errors/escape-data.js'
import { readStepLog } from '../../runner/workflow-commands.js'

describe('escapeData: text from outside stays one plain line', () => {
  it.each([
    ['a newline', 'a\n::add-mask::x', 'a%0A::add-mask::x'],
    ['a carriage return', 'a\r::warning::x', 'a%0D::warning::x'],
    ['an escaped newline, kept as written', '50%0A', '50%250A'],
    ['the ##[ form anywhere', 'a ##[add-mask]x', 'a ##%5Badd-mask]x'],
    ['a command after leading spaces', '  ::stop-commands::t', '  %3A:stop-commands::t'],
    ['an ARN, unchanged', 'arn:aws:iam::111122223333:role/x', 'arn:aws:iam::111122223333:role/x']
  ])('%s', (_what, text, escaped) => {
    expect(escapeData(text)).toBe(escaped)
    // Printed as a line of its own, or inside a command's data: the runner acts on nothing.
    expect(readStepLog(`${escapeData(text)}\n`).commands).toEqual([])
    expect(readStepLog(`::debug::${escapeData(text)}\n`).debug).toHaveLength(1)
  })
})
