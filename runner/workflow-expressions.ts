// The `${{ }}` expressions a workflow of this repository uses, evaluated from what earlier steps
// and jobs produced. Anything else throws, so a workflow never passes on an expression read wrong.

export interface StepRecord {
  readonly outputs: Record<string, string>
  readonly outcome: 'success' | 'failure'
}

export interface ExpressionContext {
  /** The steps of the running job that have run, by id. */
  steps: Record<string, StepRecord>
  /** The outputs of the jobs that have run, by name. */
  readonly needs: Record<string, { readonly outputs: Record<string, string> }>
}

export function evaluate(value: unknown, ctx: ExpressionContext): string {
  return String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    let m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (m) return stepRecord(ctx, m[1]).outputs[m[2]] ?? ''
    m = /^steps\.([\w-]+)\.(outcome|conclusion)$/.exec(expression)
    if (m) return stepRecord(ctx, m[1]).outcome
    m = /^needs\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    if (m) {
      if (!ctx.needs[m[1]]) throw new Error(`\${{ ${expression} }}: job ${m[1]} has not run`)
      return ctx.needs[m[1]].outputs[m[2]] ?? ''
    }
    throw new Error(`runner/ cannot evaluate \${{ ${expression} }}: teach evaluate() it`)
  })
}

/** Each value of a map (env:, with:, outputs:) evaluated. */
export function evaluateAll(
  values: Record<string, unknown> | undefined,
  ctx: ExpressionContext
): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, evaluate(v, ctx)]))
}

function stepRecord(ctx: ExpressionContext, id: string): StepRecord {
  const record = ctx.steps[id]
  if (!record) throw new Error(`a step refers to step ${id}, which has not run before it`)
  return record
}
