import { runCheckTrust } from './check-trust/cli.js'

// Decides before any run whether each job's token will be accepted by a role's trust policy.
process.exitCode = runCheckTrust(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text)
})
