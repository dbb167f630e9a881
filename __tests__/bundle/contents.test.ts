import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIST = join(import.meta.dirname, '..', '..', 'dist')

function distFiles(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
}

describe('what dist/ carries', () => {
  // Names only the SDK's default chain reads, in its container and SSO providers.
  const CHAIN_MARKERS = [
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'sso_start_url'
  ]

  it('no AWS default credential chain: every client is given its credentials', () => {
    const files = distFiles()
    expect(files).toEqual(expect.arrayContaining(['main.js', 'post.js', 'credential-process.js']))
    const found = files.flatMap((file) => {
      const text = readFileSync(join(DIST, file), 'utf8')
      return CHAIN_MARKERS.filter((marker) => text.includes(marker)).map((m) => `${file}: ${m}`)
    })
    expect(found).toEqual([])
  })

  // Names only @aws/lambda-invoke-store holds: the Lambda invocation's trace context.
  const LAMBDA_STORE_MARKERS = ['_AWS_LAMBDA_TRACEPARENT', '_AWS_LAMBDA_X_RAY_TRACE_ID']

  it('no Lambda invocation store: the action never runs inside a Lambda function', () => {
    const found = distFiles().flatMap((file) => {
      const text = readFileSync(join(DIST, file), 'utf8')
      return LAMBDA_STORE_MARKERS.filter((m) => text.includes(m)).map((m) => `${file}: ${m}`)
    })
    expect(found).toEqual([])
  })

  // main.js does load chunks, so the pattern is known to find them.
  const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*["']\.{1,2}\//

  it('post and credential-process load nothing but themselves', () => {
    expect(readFileSync(join(DIST, 'main.js'), 'utf8')).toMatch(RELATIVE_IMPORT)
    for (const entry of ['post.js', 'credential-process.js'])
      expect(readFileSync(join(DIST, entry), 'utf8')).not.toMatch(RELATIVE_IMPORT)
  })
})
