// Loaded with --import into each step the runner runs. It records every write to a file-command
// file (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_PATH, GITHUB_STEP_SUMMARY) with the number
// of stdout lines the step had printed before it, so a test can tell whether a value was masked
// before it was exported. The step sees nothing of it: the trace path leaves the environment first.
import { Buffer } from 'node:buffer'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const tracePath = process.env.KEYLESS_RUNNER_TRACE
delete process.env.KEYLESS_RUNNER_TRACE

if (tracePath) {
  const commandFiles = new Map(
    ['ENV', 'OUTPUT', 'STATE', 'PATH', 'STEP_SUMMARY']
      .map((name) => [process.env[`GITHUB_${name}`], name])
      .filter(([path]) => path)
  )
  const append = fs.appendFileSync
  let stdoutLines = 0
  const write = process.stdout.write
  process.stdout.write = function (chunk, ...rest) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    stdoutLines += text.split('\n').length - 1
    return write.call(this, chunk, ...rest)
  }
  // appendFileSync calls writeFileSync: one write is recorded once, by the outer call.
  let inside = false
  const traced = (original) =>
    function (path, data, ...rest) {
      const file = commandFiles.get(String(path))
      if (file && !inside) {
        const entry = { file, afterStdoutLines: stdoutLines, text: String(data) }
        append(tracePath, `${JSON.stringify(entry)}\n`)
      }
      const outer = !inside
      inside = true
      try {
        return original.call(this, path, data, ...rest)
      } finally {
        if (outer) inside = false
      }
    }
  fs.appendFileSync = traced(fs.appendFileSync)
  fs.writeFileSync = traced(fs.writeFileSync)
  fs.promises.appendFile = traced(fs.promises.appendFile)
  fs.promises.writeFile = traced(fs.promises.writeFile)
  // ESM imports of node:fs see the wrapped functions too.
  syncBuiltinESMExports()
}
