import * as core from '@actions/core'
import { readFileSync } from 'node:fs'

/**
 * Advice about how the action is used, as information lines with ⚠️ rather than annotations: none
 * of these stops the step, and each says what to change.
 */
export function warnAboutMisuse(env: NodeJS.ProcessEnv): void {
  if (env.AWS_ACCESS_KEY_ID?.startsWith('AKIA')) {
    core.info(
      '⚠️ A long-lived access key (AKIA…) is set in this job’s environment. keyless-aws replaces it for the following steps, ' +
        'but remove it from the workflow: long-lived keys are what this action exists to retire.'
    )
  }
  const ref = env.GITHUB_ACTION_REF
  if (ref && !/^v\d+(\.\d+){0,2}$/.test(ref) && !/^[0-9a-f]{40}$/.test(ref)) {
    core.info(
      `⚠️ keyless-aws is used at "${ref}", a branch: pin a release tag (v0) or, better, a full commit SHA.`
    )
  }
  if (env.GITHUB_EVENT_NAME === 'pull_request_target' && fromFork(env.GITHUB_EVENT_PATH)) {
    core.info(
      '⚠️ This is pull_request_target for a pull request from a fork, with AWS credentials: any step that runs the fork’s code ' +
        'runs it with them. Keep checkout of the pull request head and AWS access in separate jobs.'
    )
  }
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
