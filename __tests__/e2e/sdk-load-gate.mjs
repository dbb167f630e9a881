// Loaded with --import into main by start-up-order.test.ts. When main begins to load a module of
// dist/ holding one of KEYLESS_GATE_MARKERS (the AWS SDK clients' names), it blocks main's thread
// until the test has written `token-arrived` in KEYLESS_GATE_DIR: the emulator has the token
// request. While main is blocked it can send nothing, so a request not yet on the wire then never
// arrives, and the wait ends in `before`. Then it writes `crypto-before-sdk`, whether node:crypto
// was loaded by then, and `sdk-loading` with what it found, the test's signal to let the token's
// answer go.
import { existsSync, writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { join } from 'node:path'

const dir = process.env.KEYLESS_GATE_DIR
const markers = (process.env.KEYLESS_GATE_MARKERS ?? '').split(',').filter(Boolean)
const WAIT_MS = 10_000
const pause = new Int32Array(new SharedArrayBuffer(4))
let found

function waitForTokenRequest() {
  const until = Date.now() + WAIT_MS
  while (!existsSync(join(dir, 'token-arrived'))) {
    if (Date.now() > until) return 'before the token request arrived'
    Atomics.wait(pause, 0, 0, 5)
  }
  return 'after the token request arrived'
}

registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context)
    const source = String(loaded.source ?? '')
    if (dir && !found && url.includes('/dist/') && markers.some((m) => source.includes(m))) {
      const crypto = process.moduleLoadList.includes('NativeModule crypto')
      found = waitForTokenRequest()
      writeFileSync(join(dir, 'crypto-before-sdk'), crypto ? 'loaded' : 'not loaded')
      writeFileSync(join(dir, 'sdk-loading'), found)
    }
    return loaded
  }
})
