import * as core from '@actions/core'
import { readFileSync } from 'node:fs'

/**
 * Advice about how the action is used, as warning annotations with a title: none of these stops
 * the step, but each is something to change in the workflow, so it belongs on the run page
 * rather than deep in the log.
 */
export function warnAboutMisuse(env: NodeJS.ProcessEnv): void {
  if (env.AWS_ACCESS_KEY_ID?.startsWith('AKIA')) {
    core.warning(
      'A long-lived access key (AKIA…) is set in this job’s environment. keyless-aws replaces it for the following steps, ' +
        'but remove it from the workflow: long-lived keys are what this action exists to retire.',
      { title: 'Long-lived AWS access key in the job' }
    )
  }
  const ref = env.GITHUB_ACTION_REF
  if (ref && isBranch(ref)) {
    core.warning(
      `keyless-aws is used at "${ref}", a branch: pin a release tag (v0) or, better, a full commit SHA.`,
      { title: 'keyless-aws pinned to a branch' }
    )
  }
  if (env.GITHUB_EVENT_NAME === 'pull_request_target' && fromFork(env.GITHUB_EVENT_PATH)) {
    core.warning(
      'This is pull_request_target for a pull request from a fork, with AWS credentials: any step that runs the fork’s code ' +
        'runs it with them. Keep checkout of the pull request head and AWS access in separate jobs.',
      { title: 'AWS credentials in pull_request_target from a fork' }
    )
  }
}

// A release tag (v1, v1.2, v1.2.3, with a pre-release or build suffix such as -rc1) or a commit
// SHA, full or abbreviated, is not a branch; anything else is taken for one.
const RELEASE_TAG = /^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]+)?$/
const COMMIT_SHA = /^[0-9a-f]{7,40}$/i

function isBranch(ref: string): boolean {
  return !RELEASE_TAG.test(ref) && !COMMIT_SHA.test(ref)
}

function fromFork(eventPath: string | undefined): boolean {
  if (!eventPath) return false
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: {
        head?: { repo?: { full_name?: string } }
        base?: { repo?: { full_name?: string } }
      }
    }
    const head = event.pull_request?.head?.repo?.full_name
    return head !== undefined && head !== event.pull_request?.base?.repo?.full_name
  } catch {
    return false
  }
}
