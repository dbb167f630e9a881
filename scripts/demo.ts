// `npm run demo`: the bundled action, run as the runner runs it, against the local emulator.
// Prints what the job log shows, then what the step left in the environment, outputs and state.
import { startEmulator } from '../emulator/index.js'
import { Job } from '../runner/job.js'
import type { StepResult } from '../runner/job.js'
import { findLateMasks, findLeaks } from '../runner/leak-scan.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)

function show(title: string, step: StepResult, masks: readonly string[]): void {
  console.log(`\n${bold(`── ${title} (exit code ${step.exitCode})`)}`)
  console.log(bold('job log:'))
  for (const line of step.log.lines.filter((l) => l !== '')) console.log(`  ${line}`)
  const masked = (v: string) =>
    v !== '' && masks.some((m) => v.includes(m)) ? '*** (masked)' : JSON.stringify(v)
  const table = (name: string, values: Record<string, string>) => {
    const entries = Object.entries(values)
    console.log(bold(`${name}:`) + (entries.length ? '' : ' (nothing)'))
    for (const [k, v] of entries) console.log(`  ${k} = ${masked(v)}`)
  }
  table('exported to later steps (GITHUB_ENV)', step.exported)
  table('outputs (GITHUB_OUTPUT)', step.outputs)
  table('state for the post step (GITHUB_STATE)', step.state)
}

const emu = await startEmulator()
let failed: boolean
try {
  console.log(`Emulator on ${emu.url}: GitHub's OIDC token endpoint and AWS STS.`)
  console.log(`Step: uses keyless-aws with aws-region eu-west-1, role-to-assume ${ROLE}`)
  const job = new Job(emu.env)
  const inputs = { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE }
  const main = await job.run('main', inputs)
  show('main', main, job.masks)
  console.log(
    bold('requests:'),
    emu.log.map((r) => `${r.service} ${r.action} → ${r.status}`).join(', ')
  )
  const post = await job.run('post')
  show('post', post, job.masks)
  const creds = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
  console.log(
    bold('\njob environment after post:'),
    creds.map((k) => `${k}=${JSON.stringify(job.env[k])}`).join(' ')
  )

  console.log(
    bold(
      '\nThe same step in a job that names the environment "production" (the role trusts only main):'
    )
  )
  emu.setScenario({ github: { job: { environment: 'production' } } })
  const denied = await new Job(emu.env).run('main', inputs)
  show('main, trust mismatch', denied, [])

  // As in the e2e tests: the credentials the emulator issued may be exported, each part under its
  // own variable and only once masked; every other secret may appear nowhere.
  const scan = { issuedCredentials: emu.issued.credentials }
  const leaks = [main, post, denied].flatMap((step) => [
    ...findLeaks(step, emu.secrets(), scan),
    ...findLateMasks(step)
  ])
  failed =
    main.exitCode !== 0 ||
    post.exitCode !== 0 ||
    denied.exitCode === 0 ||
    leaks.length > 0 ||
    creds.some((k) => job.env[k] !== '')
  console.log(
    bold(
      `\nleak scan: ${leaks.length === 0 ? 'no secret in any log, output, summary or state' : leaks.join('\n')}`
    )
  )
} finally {
  await emu.close()
}
if (failed) {
  console.error('demo: the action did not behave as expected')
  process.exitCode = 1
}
