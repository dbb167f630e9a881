import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import license from 'rollup-plugin-license'

const HEADER = [
  'Third-party software bundled in the files of dist/ (main.js, post.js, credential-process.js,',
  'default-chain.js and the chunks they load), with the licence text of each package and, where a package ships',
  'a NOTICE file, that file’s text, as the Apache License 2.0 (section 4 d) asks of a',
  'redistribution. Written by `npm run bundle`; do not edit.'
]

const RULE = '='.repeat(80)

// Blank lines around a text go; the indentation of its first line stays.
const text = (t) => t.replace(/^(\s*\n)+/, '').trimEnd()

const repositoryOf = (d) => d.repository?.url ?? d.repository ?? d.homepage

/**
 * A package that ships no licence file (@aws-sdk/credential-provider-http does not) is published
 * from a repository that has one: the text another bundled package of that repository and licence
 * ships stands in for it, the first by name so that a rebuild gives the same bytes.
 */
function licenceText(dependency, all) {
  if (dependency.licenseText) return text(dependency.licenseText)
  const sibling = all
    .filter((d) => d.licenseText && d.license === dependency.license)
    .filter((d) => repositoryOf(d) && repositoryOf(d) === repositoryOf(dependency))
    .sort((a, b) => a.name.localeCompare(b.name))[0]
  if (!sibling) return '(the package ships no licence file)'
  return [
    `(the package ships no licence file; the ${dependency.license} text of its repository, as ${sibling.name} ships it:)`,
    '',
    text(sibling.licenseText)
  ].join('\n')
}

/** One package: name, version and licence, then its licence text and its NOTICE text. */
function entry(dependency, all) {
  const repository = repositoryOf(dependency)
  return [
    RULE,
    `${dependency.name} ${dependency.version}, ${dependency.license ?? 'no licence declared'}`,
    ...(typeof repository === 'string' ? [repository] : []),
    '',
    licenceText(dependency, all),
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
        const all = [...packages.values()]
        const sorted = [...packages.keys()].sort().map((key) => entry(packages.get(key), all))
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, `${[HEADER.join('\n'), ...sorted, RULE].join('\n\n')}\n`)
      }
    }
  ]
}
