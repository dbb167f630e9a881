import type { Emulator } from '../emulator/index.js'
import { runnerFiles, timed } from './process.js'
import { summarize } from './stats.js'
import { stsInputs } from './variants.js'

const RUNS = 64
const THROTTLE = { ratePerSecond: 10, burst: 10 }

/** 64 runs at once against an STS that throttles with a token bucket, as a matrix of jobs would. */
export async function measureLoad(emu: Emulator) {
  emu.setScenario({ faults: { 'sts:AssumeRoleWithWebIdentity': { throttle: THROTTLE } } })
  const started = performance.now()
  const runs = await Promise.all(
    Array.from({ length: RUNS }, () =>
      timed(['dist/main.js'], {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        ...emu.env,
        ...stsInputs(),
        ...runnerFiles()
      })
    )
  )
  const totalMs = Math.round(performance.now() - started)
  const retries = runs.map((r) => (r.stdout.match(/ attempt \d+ of \d+ in /g) ?? []).length)
  const result = {
    runs: RUNS,
    throttle: THROTTLE,
    succeeded: runs.filter((r) => r.exitCode === 0).length,
    totalMs,
    retriesPerRun: {
      min: Math.min(...retries),
      median: summarize(retries).medianMs,
      max: Math.max(...retries)
    },
    stsRequests: emu.log.filter((r) => r.service === 'sts').length,
    stsThrottled: emu.log.filter((r) => r.fault === 'throttle').length,
    runMs: summarize(runs.map((r) => r.ms))
  }
  console.log(
    `\n${RUNS} concurrent runs against STS throttled at ${THROTTLE.ratePerSecond}/s (burst ${THROTTLE.burst}):`
  )
  console.log(result)
  return result
}
