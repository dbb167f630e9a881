// Preloaded (node --import) in the bench's tracing pass only: records the files the process
// loads, its peak resident memory and the CPU time it used, and writes them where BENCH_TRACE says
// at exit.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const loaded = new Set()
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:')) loaded.add(url)
    return nextLoad(url, context)
  }
})
process.on('exit', () => {
  writeFileSync(
    process.env.BENCH_TRACE,
    JSON.stringify({
      maxRssKiB: process.resourceUsage().maxRSS,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      files: [...loaded]
    })
  )
})
