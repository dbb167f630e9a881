import { run } from './run/main-step.js'

// Not awaited at the top level: a lazily loaded chunk may import from this entry, and an entry
// still awaiting would never finish loading it (Node then ends the step with exit code 13).
// run() reports every failure itself.
void run().then(() => {
  // A failed step ends once its failure is reported (and what post needs is saved): a request it
  // gave up on, such as a role-chaining source that drips its answer over a connection the SDK
  // keeps, must not hold the process, and the job, open. Written output is flushed first.
  if (process.exitCode) process.stdout.write('', () => process.exit())
})
