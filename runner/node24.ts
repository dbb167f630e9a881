import { spawnSync } from 'node:child_process'

let cached: string | undefined

/** The Node 24 binary the runner uses for `using: node24`; from the npm package node@24 if need be. */
export function node24(): string {
  if (cached) return cached
  if (process.versions.node.split('.')[0] === '24') return (cached = process.execPath)
  const found = spawnSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8'
  })
  const path = found.stdout.trim()
  if (found.status !== 0 || !path)
    throw new Error(`could not get Node 24 through npx: ${found.stderr}`)
  return (cached = path)
}
