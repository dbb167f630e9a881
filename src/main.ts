import { run } from './run/main-step.js'

await run()
