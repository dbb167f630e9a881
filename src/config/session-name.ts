// The default role session name says which run it was, so CloudTrail entries lead back to it.
const ALLOWED = /[^\w+=,.@-]/g

export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const runId = env.GITHUB_RUN_ID
  if (!runId) return 'keyless-aws'
  const suffix = `-${runId}-${env.GITHUB_RUN_ATTEMPT || '1'}`.replace(ALLOWED, '_')
  const repo = (env.GITHUB_REPOSITORY || 'github').replace('/', '.').replace(ALLOWED, '_')
  // Keep the end of a long repository name: it is the part that tells repositories apart.
  const room = 64 - suffix.length
  return (repo.length > room ? repo.slice(repo.length - room) : repo) + suffix
}
