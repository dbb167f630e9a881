import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface TestCertificate {
  readonly key: string
  readonly cert: string
  /** A file holding the certificate, for NODE_EXTRA_CA_CERTS of the action's process. */
  readonly caFile: string
}

/** A throw-away certificate for 127.0.0.1, so the emulator can serve HTTPS as AWS and GitHub do. */
export async function loopbackCertificate(): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }
    ]
  })
  const caFile = join(mkdtempSync(join(tmpdir(), 'keyless-tls-')), 'ca.pem')
  writeFileSync(caFile, pems.cert)
  return { key: pems.private, cert: pems.cert, caFile }
}
