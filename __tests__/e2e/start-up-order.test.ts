import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  IDENTITY_CENTER,
  STS_INPUTS,
  expectNoLeaks,
  failure,
  newJob,
  requestsTo,
  useEmulator
} from './fixture.js'

// The order of main's start-up, seen from the emulator: the token requests must be on the wire
// before the AWS SDK loads (its compilation blocks the event loop), and the SDK must load while
// GitHub answers. The gate (sdk-load-gate.mjs) blocks main's thread when the SDK starts to load
// until the emulator has every token request; the emulator holds the tokens' answers until the
// SDK has started to load. Timing plays no part: each side waits for the other's event.
const GATE = fileURLToPath(new URL('./sdk-load-gate.mjs', import.meta.url))
// The bench's tracer: every file the step loads.
const TRACER = fileURLToPath(new URL('../../bench/trace.mjs', import.meta.url))
/** What the STS path loaded of dist/ on main without issue #17's start-up work: no more. */
const STS_PATH_BYTES = 208_426

async function fileAppears(path: string): Promise<string> {
  while (!existsSync(path)) await sleep(5)
  return readFileSync(path, 'utf8')
}

describe('start-up order', () => {
  const ctx = useEmulator()

  const CASES = [
    { name: 'STS', inputs: STS_INPUTS, tokens: 1, markers: ['STSClient'] },
    {
      name: 'Identity Center',
      inputs: IDENTITY_CENTER,
      tokens: 2,
      markers: ['STSClient', 'SSOOIDCClient']
    }
  ]

  it.each(CASES)(
    '$name: every token request reaches GitHub before the SDK loads, which loads while GitHub answers',
    async ({ inputs, tokens, markers }) => {
      const { emu } = ctx
      const dir = mkdtempSync(join(tmpdir(), 'keyless-gate-'))
      const held = Array.from({ length: tokens }, () => emu.holdNext('github:GetIdToken'))
      const job = newJob(emu, undefined, {
        NODE_OPTIONS: `--import=${GATE}`,
        KEYLESS_GATE_DIR: dir,
        KEYLESS_GATE_MARKERS: markers.join(',')
      })
      const running = job.run('main', inputs)
      // Identity Center: both requests arrive while neither has an answer, so they left together.
      await Promise.all(held.map((h) => h.arrived))
      writeFileSync(join(dir, 'token-arrived'), '')
      const sdk = await fileAppears(join(dir, 'sdk-loading'))
      for (const h of held) h.release()
      const main = await running
      expect(main.exitCode, failure(main)).toBe(0)
      expect(sdk).toBe('after the token request arrived')
      // Over plain HTTP nothing of main's own loads node:crypto (file commands, secure files, the
      // token request); the SDK's hashing and its HTTPS agent do, and on a runner TLS does.
      expect(readFileSync(join(dir, 'crypto-before-sdk'), 'utf8')).toBe('not loaded')
      expect(requestsTo(emu, 'github').map((r) => r.action)).toEqual(
        Array(tokens).fill('GetIdToken')
      )
      expectNoLeaks(emu, main)
    }
  )

  it('the STS path loads no more of dist/ than it did', async () => {
    const { emu } = ctx
    const trace = join(mkdtempSync(join(tmpdir(), 'keyless-trace-')), 'trace.json')
    const env = { NODE_OPTIONS: `--import=${TRACER}`, BENCH_TRACE: trace }
    const main = await newJob(emu, undefined, env).run('main', STS_INPUTS)
    expect(main.exitCode, failure(main)).toBe(0)
    const { files } = JSON.parse(readFileSync(trace, 'utf8')) as { files: string[] }
    const dist = files.filter((url) => url.includes('/dist/')).map((url) => fileURLToPath(url))
    expect(dist.length).toBeGreaterThan(1)
    const bytes = dist.reduce((sum, file) => sum + statSync(file).size, 0)
    expect(bytes).toBeLessThanOrEqual(STS_PATH_BYTES)
    expectNoLeaks(emu, main)
  })
})
