import { readdirSync, statSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Emulator } from '../emulator/index.js'
import { watchOtherWork } from './machine-load.js'
import { timed, traced } from './process.js'
import { median, shuffled, summarize } from './stats.js'
import { speedVariants } from './variants.js'

const DIST = fileURLToPath(new URL('../dist/', import.meta.url))
/** Untimed runs with the tracing preload, per variant, for CPU time and peak memory. */
const TRACED_RUNS = 5
/** Other processes using more than this many cores' worth of CPU make the figures unfit to publish. */
const LOADED_CORES = 0.2

/** Every file of the bundle with its size: the entries and the lazily loaded chunks. */
function bundleBytes(): Record<string, number> {
  const sizes: Record<string, number> = {}
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`)
      else sizes[`dist/${prefix}${name}`] = statSync(path).size
    }
  }
  walk(DIST, '')
  return sizes
}

const round2 = (n: number) => Math.round(n * 100) / 100

export async function measureSpeed(
  emu: Emulator,
  options: { runs: number; latencyMs: number; extraEnv?: Record<string, string> }
) {
  if (options.latencyMs > 0) {
    const latency = { latencyMs: options.latencyMs }
    emu.setScenario({
      faults: { 'github:*': latency, 'sts:*': latency, 'sso-oidc:*': latency, 'sso:*': latency }
    })
  }
  const variants = await speedVariants(emu, options.extraEnv)
  // rounds[i][name]: the time of that variant in round i; every variant runs once per round, in
  // a new order, so a ratio taken within a round compares runs made under the same conditions.
  const rounds: Record<string, number>[] = []
  const requests = new Map(variants.map((v) => [v.name, new Set<number>()]))
  const loads: number[] = []
  const otherWork = watchOtherWork()
  for (let round = 0; round < options.runs; round++) {
    const times: Record<string, number> = {}
    loads.push(loadavg()[0])
    for (const v of shuffled(variants)) {
      const before = emu.log.length
      const run = await timed(v.args, v.env())
      if (run.exitCode !== 0) throw new Error(`${v.name} failed:\n${run.stdout}${run.stderr}`)
      times[v.name] = run.ms
      requests.get(v.name)!.add(emu.log.length - before)
    }
    rounds.push(times)
    process.stdout.write(`\rround ${round + 1}/${options.runs}`)
  }
  const otherCores = otherWork.stop()
  const sizes = bundleBytes()
  const results = []
  for (const v of variants) {
    const traces = []
    for (let i = 0; i < TRACED_RUNS; i++) traces.push(await traced(v.args, v.env()))
    const loaded = traces[0].files
      .filter((f) => f.startsWith(`file://${DIST}`))
      .map((f) => `dist/${f.slice(`file://${DIST}`.length)}`)
    const time = summarize(rounds.map((r) => r[v.name]))
    results.push({
      variant: v.name,
      ...time,
      yardstick: v.yardstick,
      // The median of the round-by-round ratios, not a ratio of medians.
      ratioToYardstick: round2(median(rounds.map((r) => r[v.name] / r[v.yardstick]))),
      ratioToFloor: round2(median(rounds.map((r) => r[v.name] / r.floor))),
      ratioToEmptyNode: round2(median(rounds.map((r) => r[v.name] / r['empty node']))),
      requestsPerRun: [...requests.get(v.name)!],
      cpuMs: Math.round(median(traces.map((t) => t.cpuMs)) * 10) / 10,
      peakRssMiB: Math.round(median(traces.map((t) => t.maxRssKiB)) / 102.4) / 10,
      bytesLoaded: loaded.reduce((sum, f) => sum + (sizes[f] ?? 0), 0),
      filesLoaded: loaded
    })
  }
  const cores = availableParallelism()
  const load = {
    cores,
    median: round2(median(loads)),
    max: round2(Math.max(...loads)),
    // The bench's own processes count in the load average; this does not.
    otherProcessesCores: otherCores === undefined ? undefined : round2(otherCores)
  }
  const loadedMachine =
    otherCores === undefined ? load.median > 0.5 * cores : otherCores > LOADED_CORES
  console.log(
    `\n\nlatency injected per request: ${options.latencyMs} ms; ${options.runs} interleaved runs each (Node 24)`
  )
  console.log(
    `load average (1 min) over the runs: median ${load.median}, max ${load.max}, ${cores} cores; ` +
      `other processes used ${load.otherProcessesCores ?? 'an unmeasured share'} of a core`
  )
  console.table(
    results.map((r) => ({
      variant: r.variant,
      'median ms': r.medianMs,
      'min–max ms': `${r.minMs}–${r.maxMs}`,
      against: r.yardstick,
      '× it': r.ratioToYardstick,
      '× floor': r.ratioToFloor,
      requests: r.requestsPerRun.join('/'),
      'CPU ms': r.cpuMs,
      'peak RSS MiB': r.peakRssMiB,
      'bytes loaded': r.bytesLoaded
    }))
  )
  console.log('bundle files (bytes):', sizes)
  if (loadedMachine) {
    console.log(
      `\nNOT FOR PUBLISHING: other work used the machine (${load.otherProcessesCores ?? `median load ${load.median}`} on ${cores} cores); run again when it is idle.`
    )
  }
  return { latencyMs: options.latencyMs, load, loadedMachine, results, bundleBytes: sizes }
}
