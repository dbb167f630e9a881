import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// dist/licenses.txt, written by `npm run bundle`, checked against the installed packages.
const ROOT = join(import.meta.dirname, '..', '..')
const LICENSES = readFileSync(join(ROOT, 'dist', 'licenses.txt'), 'utf8')
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean }>
}
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

const listed = [...LICENSES.matchAll(/^={80}\n(\S+) (\S+), /gm)].map(([, name, version]) => {
  // Where npm installed that version: the top level, or nested under a dependent.
  const path = Object.keys(LOCK.packages).find(
    (key) => key.endsWith(`node_modules/${name}`) && LOCK.packages[key].version === version
  )
  return { name, version, path }
})

/** A package's files whose names start with `prefix`, as licence tools look for them. */
const filesOf = (path: string, prefix: RegExp) =>
  readdirSync(join(ROOT, path))
    .filter((file) => prefix.test(file))
    .map((file) => readFileSync(join(ROOT, path, file), 'utf8').trim())

describe('dist/licenses.txt', () => {
  it('lists each runtime dependency, each as installed, and none used only to develop', () => {
    expect(listed.map((p) => p.name)).toEqual(
      expect.arrayContaining(Object.keys(PACKAGE.dependencies))
    )
    for (const p of listed) {
      expect(p.path, `${p.name} ${p.version} is not installed`).toBeDefined()
      expect(LOCK.packages[p.path!].dev, `${p.name} is a development package`).not.toBe(true)
    }
  })

  /** The repository a package is published from, as its package.json names it. */
  const repositoryOf = (path: string) => {
    const meta = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')) as {
      repository?: string | { url?: string }
    }
    return typeof meta.repository === 'string' ? meta.repository : meta.repository?.url
  }

  it('carries the licence text of every package and, where one ships it, its NOTICE', () => {
    for (const p of listed) {
      let licences = filesOf(p.path!, /^licen[cs]e/i)
      // One that ships none (@aws-sdk/credential-provider-http): the text of its repository, as
      // another package published from it ships it.
      if (licences.length === 0) {
        const repository = repositoryOf(p.path!)
        expect(repository, `${p.name} ships no licence file and names no repository`).toBeDefined()
        licences = listed
          .filter((q) => q !== p && repositoryOf(q.path!) === repository)
          .flatMap((q) => filesOf(q.path!, /^licen[cs]e/i))
      }
      expect(licences.length, `${p.name} ships no licence file`).toBeGreaterThan(0)
      // In the package's own section, not merely somewhere in the file.
      const section = LICENSES.split(/^={80}$/m).find((t) => t.startsWith(`\n${p.name} `)) ?? ''
      expect(
        licences.some((text) => section.includes(text)),
        `licence of ${p.name}`
      ).toBe(true)
      for (const notice of filesOf(p.path!, /^notice/i))
        expect(LICENSES.includes(notice), `NOTICE of ${p.name}`).toBe(true)
    }
  })

  it('keeps the AWS SDK’s attribution: its Apache-2.0 copyright line, for each SDK package', () => {
    const sdk = listed.filter((p) => /^@(aws-sdk|smithy)\//.test(p.name))
    expect(sdk.map((p) => p.name)).toEqual(expect.arrayContaining(['@aws-sdk/client-sts']))
    for (const p of sdk) {
      const section = LICENSES.split(/^={80}$/m).find((s) => s.startsWith(`\n${p.name} `))
      expect(section, p.name).toMatch(/Apache License\s+Version 2\.0/)
      expect(section, p.name).toMatch(/Copyright [\d-]+ Amazon\.com, Inc\. or its affiliates/)
    }
  })
})
