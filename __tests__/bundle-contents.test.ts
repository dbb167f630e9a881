import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIST = join(import.meta.dirname, '..', 'dist')

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
    const found = distFiles().flatMap((file) => {
      const text = readFileSync(join(DIST, file), 'utf8')
      return CHAIN_MARKERS.filter((marker) => text.includes(marker)).map((m) => `${file}: ${m}`)
    })
    expect(found).toEqual([])
  })

  it('post loads nothing but itself', () => {
    const post = readFileSync(join(DIST, 'post.js'), 'utf8')
    expect(post).not.toMatch(/from\s*"\.\/chunks\//)
    expect(post).not.toMatch(/import\(\s*"\.\/chunks\//)
  })
})
