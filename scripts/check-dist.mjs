// Rebuilds dist/ from scratch and fails if it differs from what is committed: the runner runs
// dist/, so a stale bundle would ship code that no test saw.
import { execSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const git = (args) => execSync(`git ${args}`, { encoding: 'utf8' })

rmSync('dist', { recursive: true, force: true })
execSync('npm run --silent bundle', { stdio: ['ignore', 'ignore', 'inherit'] })
// Against the index: in a clean clone that is the commit; during a commit, what is being committed.
const changed =
  git('diff --name-status -- dist') + git('ls-files --others --exclude-standard -- dist')
if (changed.trim() !== '') {
  console.error(
    `dist/ differs from a fresh build; run \`npm run bundle\` and commit dist/:\n${changed}`
  )
  process.exit(1)
}
console.log('dist/ matches a fresh build')
