// What the check-trust e2e tests share: policies, workflows, the bundled command's JSON report,
// and the action run against the emulator with the same policy, to see STS agree with the check.
import { expect } from 'vitest'
import type { Emulator } from '../../emulator/index.js'
import type { JobContext } from '../../emulator/scenario.js'
import { runCheckTrustCommand } from '../../runner/check-trust-command.js'
import type { StepResult } from '../../runner/job.js'
import { ACCOUNT, expectNoLeaks, newJob, roleArn } from './fixture.js'

export const REPOSITORY = 'octo-org/octo-repo'
export const ROLE = roleArn('checked')
export const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
export const K = 'token.actions.githubusercontent.com'
export const AUD = { [`${K}:aud`]: 'sts.amazonaws.com' }

export type Condition = Record<string, Record<string, string | string[]>>

export function policy(...conditions: Condition[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: conditions.map((Condition) => ({
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition
    }))
  }
}

/** aud and sub both exact: a policy with no finding. */
export const exactSub = (sub: string) => policy({ StringEquals: { ...AUD, [`${K}:sub`]: sub } })
export const likeSub = (sub: string) =>
  policy({ StringEquals: AUD, StringLike: { [`${K}:sub`]: sub } })

/** A workflow with one job that runs keyless-aws for ROLE. */
export function workflow(on: string, jobLines = '', withLines = '', name = 'Deploy'): string {
  return [
    `name: ${name}`,
    `on: ${on}`,
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    ...(jobLines ? [jobLines] : []),
    '    permissions: { id-token: write }',
    '    steps:',
    '      - uses: octo-org/keyless-aws@v1',
    '        with:',
    '          aws-region: eu-west-1',
    `          role-to-assume: ${ROLE}`,
    ...(withLines ? [withLines] : []),
    ''
  ].join('\n')
}

export interface JobReport {
  workflow: string
  job: string
  event: string
  sub: string
  aud: string
  role: string
  accepted: boolean
  failing: { key: string; operator: string; expected: string[] }[]
  example?: Record<string, string>
}
export interface Report {
  jobs: JobReport[]
  findings: { severity: string; rule: string; message: string; fix: string }[]
}

/** The bundled command on a checkout with these files; its JSON report. */
export async function check(
  files: Record<string, string>,
  args: string[] = []
): Promise<{ exitCode: number; report: Report; stderr: string }> {
  const result = await runCheckTrustCommand(files, [
    '--policy',
    'policy.json',
    '--repository',
    REPOSITORY,
    '--format',
    'json',
    ...args
  ])
  expect(result.stderr).toBe('')
  return {
    exitCode: result.exitCode,
    report: JSON.parse(result.stdout) as Report,
    stderr: result.stderr
  }
}

/** The job context a token with these claims comes from, as the emulator's GitHub takes it. */
export function jobContextOf(event: string, claims: Record<string, string>): Partial<JobContext> {
  const ref = claims.ref ?? 'refs/heads/main'
  return {
    eventName: event,
    ref,
    refType: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    environment: claims.environment ?? null,
    ...(claims.job_workflow_ref ? { jobWorkflowRef: claims.job_workflow_ref } : {})
  }
}

/** The action, run for a job of this context against the emulator whose role has this policy. */
export async function assumeWith(
  emu: Emulator,
  trustPolicy: Record<string, unknown>,
  job: Partial<JobContext>
): Promise<StepResult> {
  const scenario = {
    github: { job },
    aws: {
      accounts: { [ACCOUNT]: { roles: { checked: { maxSessionDuration: 3600, trustPolicy } } } }
    }
  }
  const step = await newJob(emu, scenario).run('main', {
    'aws-region': 'eu-west-1',
    'role-to-assume': ROLE
  })
  expectNoLeaks(emu, step)
  return step
}
