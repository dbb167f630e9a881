import { run } from './run/main-step.js'

await run()
// A failed step ends once its failure is reported (and what post needs is saved): a request it
// gave up on, such as a role-chaining source that drips its answer over a connection the SDK
// keeps, must not hold the process, and the job, open. Written output is flushed first.
if (process.exitCode) process.stdout.write('', () => process.exit())
