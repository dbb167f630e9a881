import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../runner/workflow-expressions.js'
import type { ExpressionContext } from '../../../runner/workflow-expressions.js'

const ctx: ExpressionContext = {
  steps: { creds: { outputs: { 'aws-account-id': '111122223333' }, outcome: 'failure' } },
  needs: { e2e: { outputs: { 'account-id': '444455556666' } } }
}

describe('evaluate', () => {
  it.each([
    ['${{ steps.creds.outputs.aws-account-id }}', '111122223333'],
    ['${{steps.creds.outcome}}', 'failure'],
    ['${{ steps.creds.conclusion }}', 'failure'],
    ['account ${{ needs.e2e.outputs.account-id }}.', 'account 444455556666.'],
    ['${{ steps.creds.outputs.none }}', ''],
    ['no expression', 'no expression']
  ])('evaluates %s to %j', (text, expected) => {
    expect(evaluate(text, ctx)).toBe(expected)
  })

  it.each([
    ['${{ steps.later.outcome }}', 'step later, which has not run before it'],
    ['${{ needs.build.outputs.x }}', 'job build has not run'],
    ["${{ github.ref == 'refs/heads/main' }}", 'cannot evaluate']
  ])('refuses %s rather than guess', (text, message) => {
    expect(() => evaluate(text, ctx)).toThrow(message)
  })
})
