import type { Emulator, ScenarioOverrides } from '../emulator/index.js'
import { runnerFiles, timed } from './process.js'
import { summarize } from './stats.js'
import { stsInputs } from './variants.js'

const CASES: {
  name: string
  scenario: ScenarioOverrides
  inputs?: Record<string, string>
  env?: Record<string, string>
}[] = [
  { name: 'trust mismatch', scenario: { github: { job: { environment: 'production' } } } },
  { name: 'wrong audience', scenario: {}, inputs: { audience: 'unregistered.example' } },
  { name: 'missing id-token permission', scenario: {}, env: { ACTIONS_ID_TOKEN_REQUEST_URL: '' } }
]

/** Time from start to a failed exit for the permanent failures users hit most. */
export async function measureFailures(emu: Emulator, runs: number) {
  const results = []
  for (const c of CASES) {
    emu.setScenario(c.scenario)
    const samples: number[] = []
    let requests = 0
    // One untimed run first: the in-process emulator's own first use (its JWKS fetch) is not the action's.
    for (let i = -1; i < runs; i++) {
      const before = emu.log.length
      const env = {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        ...emu.env,
        ...stsInputs(c.inputs),
        ...runnerFiles(),
        ...c.env
      }
      const run = await timed(['dist/main.js'], env)
      if (run.exitCode === 0) throw new Error(`${c.name}: the action succeeded`)
      if (i >= 0) samples.push(run.ms)
      requests = emu.log.length - before
    }
    results.push({
      case: c.name,
      ...summarize(samples),
      requestsPerRun: requests,
      under2s: summarize(samples).maxMs < 2000
    })
  }
  console.log(`\ntime to fail, ${runs} runs each (Node 24):`)
  console.table(results)
  return { results }
}
