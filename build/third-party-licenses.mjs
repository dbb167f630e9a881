import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import license from 'rollup-plugin-license'

const HEADER = [
  'Third-party software bundled in the files of dist/ (main.js, post.js, credential-process.js',
  'and the chunks they load), with the licence text of each package and, where a package ships',
  'a NOTICE file, that file’s text, as the Apache License 2.0 (section 4 d) asks of a',
  'redistribution. Written by `npm run bundle`; do not edit.'
]

const RULE = '='.repeat(80)

// Blank lines around a text go; the indentation of its first line stays.
const text = (t) => t.replace(/^(\s*\n)+/, '').trimEnd()

/** One package: name, version and licence, then its licence text and its NOTICE text. */
function entry(dependency) {
  const repository = dependency.repository?.url ?? dependency.repository ?? dependency.homepage
  return [
    RULE,
    `${dependency.name} ${dependency.version}, ${dependency.license ?? 'no licence declared'}`,
    ...(typeof repository === 'string' ? [repository] : []),
    '',
    dependency.licenseText ? text(dependency.licenseText) : '(the package ships no licence file)',
    ...(dependency.noticeText
      ? ['', `NOTICE of ${dependency.name}:`, text(dependency.noticeText)]
      : [])
  ].join('\n')
}

/**
 * rollup-plugin-license for each of the builds, all feeding one file: the packages of every build
 * (a union: post and credential-process bundle some of main's), sorted, so a rebuild gives the
 * same bytes and check-dist can compare the file. Each build rewrites it with all seen so far;
 * the last holds them all, whichever order the builds run in.
 */
export function thirdPartyLicenses(file) {
  const packages = new Map()
  return () => [
    license({
      thirdParty: (dependencies) => {
        for (const d of dependencies) packages.set(`${d.name}@${d.version}`, d)
      }
    }),
    {
      name: 'third-party-licenses-file',
      writeBundle() {
        const sorted = [...packages.keys()].sort().map((key) => entry(packages.get(key)))
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, `${[HEADER.join('\n'), ...sorted, RULE].join('\n\n')}\n`)
      }
    }
  ]
}
