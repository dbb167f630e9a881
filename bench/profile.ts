import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emulator } from '../emulator/index.js'
import { timed } from './process.js'
import { median } from './stats.js'
import { speedVariants } from './variants.js'

/** A pause of the main thread this long is a wait on the network: it ends one busy phase. */
const WAIT_MS = 5
/** The contributors shown per phase. */
const TOP = 6

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
}

/**
 * Where a sample's time goes: V8's own work (compiling, collecting garbage), Node's internals, or
 * the file of dist/ that runs; by the function on top of the stack.
 */
function category(frame: { functionName: string; url: string }): string {
  const { functionName: name, url } = frame
  if (name === '(garbage collector)') return 'garbage collection'
  if (/compile/i.test(name)) return 'compiling'
  if (url.includes('/dist/'))
    return url.slice(url.indexOf('/dist/') + 1).replace(/-[\w-]{8}\.js$/, '')
  if (url.startsWith('node:') || url === '') return 'node internals'
  return 'other'
}

/** The busy phases of one profile, between the waits: each one's CPU time by category. */
function phases(profile: CpuProfile): Map<string, number>[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const found: Map<string, number>[] = [new Map()]
  let idle = 0
  profile.samples.forEach((id, i) => {
    const ms = profile.timeDeltas[i] / 1000
    const frame = nodes.get(id)!
    if (frame.functionName === '(idle)') return void (idle += ms)
    if (idle >= WAIT_MS) found.push(new Map())
    idle = 0
    const phase = found.at(-1)!
    const key = category(frame)
    phase.set(key, (phase.get(key) ?? 0) + ms)
  })
  return found
}

const round1 = (n: number) => Math.round(n * 10) / 10

/**
 * CPU profiles of main on each path (`--cpu-prof`, sampled every 100 µs), cut at the waits on
 * the network: what the main thread does between one answer and the next request, by category,
 * medians over the runs. The profiler slows what it measures; read the shares, not the totals.
 */
export async function profileMain(emu: Emulator, runs: number, latencyMs: number) {
  const latency = { latencyMs }
  emu.setScenario({
    faults: { 'github:*': latency, 'sts:*': latency, 'sso-oidc:*': latency, 'sso:*': latency }
  })
  const variants = (await speedVariants(emu)).filter((v) => v.name.startsWith('main'))
  const report = []
  for (const v of variants) {
    const profiles: Map<string, number>[][] = []
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'keyless-profile-'))
      const run = await timed(
        ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', ...v.args],
        v.env()
      )
      if (run.exitCode !== 0) throw new Error(`${v.name} failed:\n${run.stdout}${run.stderr}`)
      const [file] = readdirSync(dir)
      profiles.push(phases(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile))
    }
    // Runs whose busy phases differ in number (a wait shorter than WAIT_MS) are left out.
    const usual = median(profiles.map((p) => p.length))
    const alike = profiles.filter((p) => p.length === usual)
    const summary = Array.from({ length: usual }, (_, n) => {
      const keys = new Set(alike.flatMap((p) => [...p[n].keys()]))
      const byCategory = [...keys]
        .map((key) => ({ key, ms: round1(median(alike.map((p) => p[n].get(key) ?? 0))) }))
        .sort((a, b) => b.ms - a.ms)
      const total = round1(median(alike.map((p) => [...p[n].values()].reduce((a, b) => a + b, 0))))
      return { phase: n, busyMs: total, top: byCategory.slice(0, TOP) }
    })
    report.push({ variant: v.name, runs: alike.length, phases: summary })
    console.log(`\n${v.name}: busy phases between waits, median CPU ms of ${alike.length} runs`)
    for (const p of summary)
      console.log(
        `  ${p.phase === 0 ? 'start-up' : `after wait ${p.phase}`}: ${p.busyMs} ms — ${p.top.map((t) => `${t.key} ${t.ms}`).join(', ')}`
      )
  }
  return { latencyMs, runs, profiles: report }
}
