// Loaded with --import into a step when a test asks: counts the step's writes to files (file
// commands, secret files, the job summary; not stdout or stderr) and, after the N-th, stops the
// process there and then with SIGKILL, as a runner that loses the machine or a cancelled job
// would: no exit handler, no finally block runs. Optionally it only lists the writes, so a test
// learns how many there are. The shipped action knows nothing of it: its variables leave the
// environment before the step's code loads.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const killAfter = Number(process.env.KEYLESS_RUNNER_KILL_AFTER_WRITES || 0)
const listPath = process.env.KEYLESS_RUNNER_WRITE_LIST
delete process.env.KEYLESS_RUNNER_KILL_AFTER_WRITES
delete process.env.KEYLESS_RUNNER_WRITE_LIST

if (killAfter > 0 || listPath) {
  const appendList = fs.appendFileSync
  let count = 0
  // appendFileSync calls writeFileSync, which may call writeSync: one write counts once.
  let depth = 0
  const counted = (target) => {
    count += 1
    if (listPath) {
      // The list's own write goes through the wrapped functions too: not a write of the step.
      depth += 1
      try {
        appendList(listPath, `${count} ${target}\n`)
      } finally {
        depth -= 1
      }
    }
    if (count === killAfter) process.kill(process.pid, 'SIGKILL')
  }
  const name = (target) => (typeof target === 'number' ? `fd ${target}` : String(target))
  const wrapSync = (original) =>
    function (target, ...rest) {
      if (typeof target === 'number' && target <= 2) return original.call(this, target, ...rest)
      depth += 1
      try {
        return original.call(this, target, ...rest)
      } finally {
        depth -= 1
        if (depth === 0) counted(name(target))
      }
    }
  const wrapAsync = (original) =>
    async function (target, ...rest) {
      const outer = depth === 0
      // What the call does before it yields (another preload's own bookkeeping) is part of it.
      depth += 1
      let pending
      try {
        pending = original.call(this, target, ...rest)
      } finally {
        depth -= 1
      }
      const result = await pending
      if (outer) counted(name(target))
      return result
    }
  fs.appendFileSync = wrapSync(fs.appendFileSync)
  fs.writeFileSync = wrapSync(fs.writeFileSync)
  fs.writeSync = wrapSync(fs.writeSync)
  fs.promises.appendFile = wrapAsync(fs.promises.appendFile)
  fs.promises.writeFile = wrapAsync(fs.promises.writeFile)
  syncBuiltinESMExports()
}
