// The evaluator's table (unit/trust-policy/evaluator-cases.ts), each case run through the
// emulator's STS end to end: a GitHub token for the case's job from the emulator's issuer, then
// AssumeRoleWithWebIdentity with the real SDK on a role whose trust policy is the case's. STS
// accepts exactly when the evaluator does: the emulator decides with src/trust-policy/, and the
// claims it issues and the context it builds are the ones the evaluator's table assumes.
import { describe, expect, it } from 'vitest'
import { ACCOUNT, CASES } from '../unit/trust-policy/evaluator-cases.js'
import type { JobShape } from '../unit/trust-policy/evaluator-cases.js'
import type { PolicyDocument } from '../../src/trust-policy/document.js'
import { roleArn, useStsEmulator } from './sts-harness.js'

const REPO = 'octo-org/octo-repo'

/** The emulator's job for a case's JobShape: the same event, ref and environment. */
function scenarioFor(job: JobShape = {}, trustPolicy: PolicyDocument) {
  const ref = job.ref ?? 'refs/heads/main'
  return {
    github: {
      job: {
        eventName: job.eventName ?? 'push',
        ref,
        environment: job.environment ?? null,
        jobWorkflowRef: `${REPO}/.github/workflows/deploy.yml@${ref}`
      }
    },
    aws: {
      accounts: {
        [ACCOUNT]: {
          roles: { checked: { maxSessionDuration: 3600, trustPolicy } }
        }
      }
    }
  }
}

describe('the emulator’s STS decides every evaluator case as the evaluator does', () => {
  const sts = useStsEmulator()

  it.each(CASES)('$name', async ({ job, statements, accepted }) => {
    const policy = JSON.parse(JSON.stringify({ Version: '2012-10-17', Statement: statements }))
    const call = {
      scenario: scenarioFor(job, policy),
      audience: job?.audience ?? 'sts.amazonaws.com',
      input: { RoleArn: roleArn('checked') }
    }
    if (accepted) {
      const output = await sts.assume(call)
      expect(output.AssumedRoleUser?.Arn).toContain(':assumed-role/checked/')
    } else {
      const failure = await sts.rejection(call)
      expect(failure.name).toBe('AccessDenied')
      expect(failure.$metadata.httpStatusCode).toBe(403)
    }
  })
})
