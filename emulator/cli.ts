// Usage: tsx emulator/cli.ts [scenario.json]
// Starts the emulator, prints the environment a client needs (KEY=value lines) and runs until
// SIGINT or SIGTERM. The scenario file holds overrides merged over the default scenario.
import { readFile } from 'node:fs/promises'
import { startEmulator } from './index.js'
import type { ScenarioOverrides } from './index.js'

const scenarioPath = process.argv[2]
const overrides = scenarioPath
  ? (JSON.parse(await readFile(scenarioPath, 'utf8')) as ScenarioOverrides)
  : undefined
const emulator = await startEmulator(overrides)
for (const [key, value] of Object.entries(emulator.env)) process.stdout.write(`${key}=${value}\n`)

const stop = () => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
