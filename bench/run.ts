// npm run bench [-- default|load|failures|profile] [--runs N] [--latency MS] [--https] [--out FILE]
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startEmulator } from '../emulator/index.js'
import { measureFailures } from './failures.js'
import { measureLoad } from './load.js'
import { profileMain } from './profile.js'
import { loopbackCertificate } from '../runner/test-certificate.js'
import { measureSpeed } from './speed.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '30' },
    latency: { type: 'string', default: '0' },
    // Every variant over HTTPS, as on a runner: TLS set-up, and start-up work that blocks its
    // callbacks, show.
    https: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-report.json' }
  }
})
const mode = positionals[0] ?? 'default'
const latencyMs = Number(values.latency)
const certificate = values.https ? await loopbackCertificate() : undefined
const emu = await startEmulator(
  undefined,
  certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : undefined
)
const extraEnv: Record<string, string> = certificate
  ? { NODE_EXTRA_CA_CERTS: certificate.caFile }
  : {}
try {
  const report =
    mode === 'load'
      ? await measureLoad(emu)
      : mode === 'failures'
        ? await measureFailures(emu, Number(values.runs) > 15 ? 10 : Number(values.runs))
        : mode === 'profile'
          ? await profileMain(emu, Math.min(Number(values.runs), 10), latencyMs || 50)
          : await measureSpeed(emu, { runs: Number(values.runs), latencyMs, extraEnv })
  writeFileSync(
    values.out,
    JSON.stringify(
      { mode, https: values.https, date: new Date().toISOString(), node: 'node24', ...report },
      null,
      2
    ) + '\n'
  )
  console.log(`\nreport written to ${values.out}`)
} finally {
  await emu.close()
}
