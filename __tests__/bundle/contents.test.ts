import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIST = join(import.meta.dirname, '..', '..', 'dist')

function distFiles(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
}

describe('what dist/ carries', () => {
  // Names only the SDK's default chain reads, in its container, instance metadata and SSO providers.
  const CHAIN_MARKERS = [
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'sso_start_url',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    'security-credentials'
  ]
  // Role chaining's own chunk names the variables in its failure message, but holds no reader.
  const READER_MARKERS = [
    'sso_start_url',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    'security-credentials'
  ]
  const ROLE_CHAINING_CHUNK = /^chunks\/exchanges-role-chaining-[\w-]+\.js$/

  it('no AWS default credential chain: every client is given its credentials', () => {
    const files = distFiles()
    expect(files).toEqual(expect.arrayContaining(['main.js', 'post.js', 'credential-process.js']))
    // The chain is in role chaining's own file, and nowhere else.
    const found = files
      .filter((file) => file !== 'default-chain.js')
      .flatMap((file) => {
        const text = readFileSync(join(DIST, file), 'utf8')
        const markers = ROLE_CHAINING_CHUNK.test(file) ? READER_MARKERS : CHAIN_MARKERS
        return markers.filter((marker) => text.includes(marker)).map((m) => `${file}: ${m}`)
      })
    expect(found).toEqual([])
    const chain = readFileSync(join(DIST, 'default-chain.js'), 'utf8')
    expect(CHAIN_MARKERS.filter((marker) => chain.includes(marker))).toEqual(CHAIN_MARKERS)
  })

  it('the default chain is loaded by role chaining’s chunk alone', () => {
    const importers = distFiles().filter((file) =>
      /import\(\s*["']\.\.\/default-chain\.js["']\s*\)/.test(readFileSync(join(DIST, file), 'utf8'))
    )
    expect(importers).toEqual([expect.stringMatching(ROLE_CHAINING_CHUNK)])
    expect(
      distFiles().filter((file) => readFileSync(join(DIST, file), 'utf8').includes('default-chain'))
    ).toEqual(importers)
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
    for (const entry of ['post.js', 'credential-process.js', 'default-chain.js'])
      expect(readFileSync(join(DIST, entry), 'utf8')).not.toMatch(RELATIVE_IMPORT)
  })
})
