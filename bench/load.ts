import type { Emulator } from '../emulator/index.js'
import { runnerFiles, timed } from './process.js'
import { summarize } from './stats.js'
import { stsInputs } from './variants.js'

const RUNS = 64
const THROTTLE = { ratePerSecond: 10, burst: 10 }

/**
 * 64 runs against an STS that throttles with a token bucket, as a matrix of jobs would. The
 * emulator holds their first AssumeRoleWithWebIdentity requests until all 64 are there and lets
 * them go together, as 64 runners would send them: started side by side here, the processes
 * would otherwise reach STS spread out by their own start-up.
 */
export async function measureLoad(emu: Emulator) {
  emu.setScenario({
    faults: { 'sts:AssumeRoleWithWebIdentity': { throttle: THROTTLE, barrier: RUNS } }
  })
  const started = performance.now()
  const runs = await Promise.all(
    Array.from({ length: RUNS }, () =>
      timed(['dist/main.js'], {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        ...emu.env,
        // The barrier holds the first requests until the last process has started, which takes
        // far longer on a busy machine than any answer should: they must not time out meanwhile.
        ...stsInputs({ 'request-timeout-seconds': '120' }),
        ...runnerFiles()
      })
    )
  )
  const totalMs = Math.round(performance.now() - started)
  // One line per retry of the run's STS request ("…; attempt 3 of 8 in 1.2 s").
  const attempts = runs.map(
    (r) =>
      1 + (r.stdout.match(/AssumeRoleWithWebIdentity: .* attempt \d+ of \d+ in /g) ?? []).length
  )
  const distribution: Record<number, number> = {}
  for (const n of attempts) distribution[n] = (distribution[n] ?? 0) + 1
  const result = {
    runs: RUNS,
    throttle: THROTTLE,
    releasedTogether: RUNS,
    succeeded: runs.filter((r) => r.exitCode === 0).length,
    // The first error line of each run that failed: a throttle outlasted, or something else.
    failures: runs
      .filter((r) => r.exitCode !== 0)
      .map(
        (r) => /^::error[^:]*::(.*)$/m.exec(r.stdout)?.[1].slice(0, 300) ?? r.stderr.slice(0, 300)
      ),
    totalMs,
    attemptsPerRun: {
      min: Math.min(...attempts),
      median: summarize(attempts).medianMs,
      max: Math.max(...attempts),
      // attempts → how many runs needed that many
      distribution
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
