import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Emulator } from '../emulator/index.js'
import { timed, traced } from './process.js'
import { shuffled, summarize } from './stats.js'
import { speedVariants } from './variants.js'

const DIST = fileURLToPath(new URL('../dist/', import.meta.url))

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

export async function measureSpeed(emu: Emulator, options: { runs: number; latencyMs: number }) {
  if (options.latencyMs > 0) {
    const latency = { latencyMs: options.latencyMs }
    emu.setScenario({
      faults: { 'github:*': latency, 'sts:*': latency, 'sso-oidc:*': latency, 'sso:*': latency }
    })
  }
  const variants = await speedVariants(emu)
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]))
  const requests = new Map(variants.map((v) => [v.name, new Set<number>()]))
  for (let round = 0; round < options.runs; round++) {
    for (const v of shuffled(variants)) {
      const before = emu.log.length
      const run = await timed(v.args, v.env())
      if (run.exitCode !== 0) throw new Error(`${v.name} failed:\n${run.stdout}${run.stderr}`)
      samples.get(v.name)!.push(run.ms)
      requests.get(v.name)!.add(emu.log.length - before)
    }
    process.stdout.write(`\rround ${round + 1}/${options.runs}`)
  }
  const sizes = bundleBytes()
  const floor = summarize(samples.get('floor')!).medianMs
  const empty = summarize(samples.get('empty node')!).medianMs
  const results = []
  for (const v of variants) {
    const trace = await traced(v.args, v.env())
    const loaded = trace.files
      .filter((f) => f.startsWith(`file://${DIST}`))
      .map((f) => `dist/${f.slice(`file://${DIST}`.length)}`)
    const time = summarize(samples.get(v.name)!)
    results.push({
      variant: v.name,
      ...time,
      ratioToFloor: Math.round((time.medianMs / floor) * 100) / 100,
      ratioToEmptyNode: Math.round((time.medianMs / empty) * 100) / 100,
      requestsPerRun: [...requests.get(v.name)!],
      peakRssMiB: Math.round(trace.maxRssKiB / 102.4) / 10,
      bytesLoaded: loaded.reduce((sum, f) => sum + (sizes[f] ?? 0), 0),
      filesLoaded: loaded
    })
  }
  console.log(
    `\n\nlatency injected per request: ${options.latencyMs} ms; ${options.runs} interleaved runs each (Node 24)`
  )
  console.table(
    results.map((r) => ({
      variant: r.variant,
      'min ms': r.minMs,
      'median ms': r.medianMs,
      'max ms': r.maxMs,
      '× floor': r.ratioToFloor,
      '× empty node': r.ratioToEmptyNode,
      requests: r.requestsPerRun.join('/'),
      'peak RSS MiB': r.peakRssMiB,
      'bytes loaded': r.bytesLoaded
    }))
  )
  console.log('bundle files (bytes):', sizes)
  return { latencyMs: options.latencyMs, results, bundleBytes: sizes }
}
