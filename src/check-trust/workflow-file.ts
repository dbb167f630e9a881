// A workflow file as the check needs it: its triggers, and for each job its environment, its
// steps' `uses:` and `with:`, or the reusable workflow it calls, with the line each starts on.
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml'
import type { YAMLMap } from 'yaml'

export interface WorkflowStep {
  readonly line: number
  readonly uses: string | undefined
  readonly with: Readonly<Record<string, string>>
}

export interface WorkflowJob {
  readonly id: string
  readonly name: string | undefined
  readonly line: number
  /** The environment's name as written (it may hold an expression); undefined: none. */
  readonly environment: string | undefined
  readonly condition: string | undefined
  readonly steps: readonly WorkflowStep[]
  /** The reusable workflow a job calls (`jobs.<id>.uses`). */
  readonly calls: string | undefined
}

export interface WorkflowFile {
  /** As given on the command line, for messages and SARIF locations. */
  readonly path: string
  /** The file's path from the repository root, `.github/workflows/NAME.yml`. */
  readonly repositoryPath: string
  readonly name: string | undefined
  readonly on: unknown
  readonly jobs: readonly WorkflowJob[]
}

export class WorkflowFileError extends Error {}

export function parseWorkflow(path: string, text: string): WorkflowFile {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  const error = document.errors[0]
  if (error) {
    const { line } = lineCounter.linePos(error.pos[0])
    throw new WorkflowFileError(`line ${line}: ${error.message.split('\n')[0]}`)
  }
  const root: unknown = document.contents
  if (!isMap(root))
    throw new WorkflowFileError('is not a workflow: a YAML mapping with on: and jobs:')
  const line = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1
  const top = document.toJS() as Record<string, unknown>
  if (top.on === undefined || !isMap(root.get('jobs'))) {
    throw new WorkflowFileError('is not a workflow: it has no on: or no jobs: mapping')
  }
  const jobsNode = root.get('jobs') as YAMLMap
  const jobs = jobsNode.items.map((pair) => {
    const id = String((pair.key as { value?: unknown })?.value ?? pair.key)
    const node = pair.value
    const data = isMap(node) ? (node.toJS(document) as Record<string, unknown>) : {}
    const stepsNode = isMap(node) ? node.get('steps') : undefined
    const steps = isSeq(stepsNode)
      ? stepsNode.items.map((item) => {
          const step = isMap(item) ? (item.toJS(document) as Record<string, unknown>) : {}
          return {
            line: line(item as never),
            uses: typeof step.uses === 'string' ? step.uses : undefined,
            with: strings(step.with)
          }
        })
      : []
    return {
      id,
      name: typeof data.name === 'string' ? data.name : undefined,
      line: line(pair.key as never),
      environment: environmentName(data.environment),
      condition: data.if === undefined ? undefined : String(data.if),
      steps,
      calls: typeof data.uses === 'string' ? data.uses : undefined
    }
  })
  const at = path.replace(/\\/g, '/').lastIndexOf('.github/workflows/')
  return {
    path,
    repositoryPath:
      at >= 0
        ? path.replace(/\\/g, '/').slice(at)
        : `.github/workflows/${path.split(/[\\/]/).pop()}`,
    name: typeof top.name === 'string' ? top.name : undefined,
    on: top.on,
    jobs
  }
}

function environmentName(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'name' in value) return String(value.name)
  return undefined
}

/** A step's `with:`, each value as the runner passes it: a string. */
function strings(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? '' : String(v)]))
}
