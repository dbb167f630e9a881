// Each finding of the bundled check-trust, from a policy and workflows that have it: its rule,
// its severity, a message that names the culprit and a fix; an error fails the check (exit 1), a
// warning alone does not (exit 0).
import { describe, expect, it } from 'vitest'
import { runCheckTrustCommand } from '../../runner/check-trust-command.js'
import { AUD, K, ROLE, check, exactSub, likeSub, policy, workflow } from './check-trust-fixture.js'

const R = 'repo:octo-org/octo-repo'
const PUSH_MAIN = workflow('{ push: { branches: [main] } }')
const files = (
  p: Record<string, unknown>,
  workflows: Record<string, string> = { 'deploy.yml': PUSH_MAIN }
) => ({
  'policy.json': JSON.stringify(p),
  ...Object.fromEntries(Object.entries(workflows).map(([n, t]) => [`.github/workflows/${n}`, t]))
})

/** The check's findings as `severity rule`, its exit code, and the findings themselves. */
async function findings(input: Record<string, string>, args: string[] = []) {
  const { exitCode, report } = await check(input, args)
  return {
    exitCode,
    rules: report.findings.map((f) => `${f.severity} ${f.rule}`),
    found: report.findings
  }
}

describe('check-trust findings', () => {
  it('none for a policy that locks aud and sub to the job', async () => {
    expect(await findings(files(exactSub(`${R}:ref:refs/heads/main`)))).toMatchObject({
      exitCode: 0,
      rules: []
    })
  })

  it('sub-unchecked: no sub condition at all', async () => {
    const { exitCode, rules, found } = await findings(files(policy({ StringEquals: AUD })))
    expect(exitCode).toBe(1)
    expect(rules.filter((r) => r.startsWith('error'))).toEqual(['error sub-unchecked'])
    expect(found[0].message).toContain("any repository's workflow on GitHub can assume this role")
    expect(found[0].fix).toContain(`"${K}:sub"`)
  })

  it.each(['repo:octo-org/*', 'repo:*', '*'])(
    'sub-unchecked: %s admits other repositories',
    async (wide) => {
      const { exitCode, rules, found } = await findings(files(likeSub(wide)))
      expect(exitCode).toBe(1)
      expect(rules.filter((r) => r.startsWith('error'))).toEqual(['error sub-unchecked'])
      expect(found[0].message).toContain(JSON.stringify(wide))
    }
  )

  it('aud-unchecked', async () => {
    const p = policy({ StringEquals: { [`${K}:sub`]: `${R}:ref:refs/heads/main` } })
    expect(await findings(files(p))).toMatchObject({ exitCode: 1, rules: ['error aud-unchecked'] })
  })

  it('wildcard-in-string-equals: and the job it was meant for is refused', async () => {
    const p = policy({ StringEquals: { ...AUD, [`${K}:sub`]: `${R}:*` } })
    const { exitCode, report } = await check(files(p))
    expect(exitCode).toBe(1)
    expect(report.findings.map((f) => f.rule)).toEqual(['wildcard-in-string-equals'])
    expect(report.findings[0].fix).toContain('StringLike')
    expect(report.jobs[0].accepted).toBe(false)
  })

  it('ignored-key: a claim IAM does not evaluate', async () => {
    const p = policy({
      StringEquals: {
        ...AUD,
        [`${K}:sub`]: `${R}:ref:refs/heads/main`,
        [`${K}:repository_owner`]: 'octo-org'
      }
    })
    const { exitCode, report } = await check(files(p))
    expect(exitCode).toBe(1)
    expect(report.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['error ignored-key'])
    expect(report.findings[0].message).toContain('it never holds')
    // And IAM decides it as absent: the job is refused although the token carries the claim.
    expect(report.jobs[0]).toMatchObject({
      accepted: false,
      failing: [{ key: `${K}:repository_owner` }]
    })
  })

  it('pull-request-and-deploy: a warning, naming the deploy job', async () => {
    const pr = workflow('pull_request', '', '', 'Plan')
    const deploy = workflow('{ push: { branches: [main] } }', '    environment: production')
    const p = policy({
      StringEquals: AUD,
      StringLike: { [`${K}:sub`]: [`${R}:pull_request`, `${R}:environment:production`] }
    })
    const { exitCode, rules, found } = await findings(
      files(p, { 'plan.yml': pr, 'deploy.yml': deploy })
    )
    expect({ exitCode, rules }).toEqual({ exitCode: 0, rules: ['warning pull-request-and-deploy'] })
    expect(found[0].message).toContain(
      `job deploy of .github/workflows/deploy.yml deploys with the same role (${ROLE})`
    )
  })

  it('any-branch: the workflow deploys from main, the policy takes any branch', async () => {
    const { exitCode, rules, found } = await findings(files(likeSub(`${R}:ref:refs/heads/*`)))
    expect({ exitCode, rules }).toEqual({ exitCode: 0, rules: ['warning any-branch'] })
    expect(found[0].message).toMatch(
      /deploys only from main, but the policy also accepts a push to another branch \(e\.g\. sub repo:octo-org\/octo-repo:ref:refs\/heads\/(?!main)/
    )
  })

  it('audience-reuse: a browser-style audience in the policy and in the step', async () => {
    const url = 'https://github.com/octo-org'
    const p = policy({
      StringEquals: { [`${K}:aud`]: url, [`${K}:sub`]: `${R}:ref:refs/heads/main` }
    })
    const step = workflow('{ push: { branches: [main] } }', '', `          audience: ${url}`)
    const { exitCode, rules } = await findings(files(p, { 'deploy.yml': step }))
    expect({ exitCode, rules }).toEqual({
      exitCode: 1,
      rules: ['error audience-reuse', 'error audience-reuse']
    })
  })

  it('audience-reuse: one audience for STS and for the Identity Center issuer', async () => {
    const aud = 'deploy.octo-org.example'
    const p = policy({
      StringEquals: { [`${K}:aud`]: aud, [`${K}:sub`]: `${R}:ref:refs/heads/main` }
    })
    const step = workflow(
      '{ push: { branches: [main] } }',
      '',
      `          audience: ${aud}\n          identity-center-audience: ${aud}`
    )
    const { exitCode, rules, found } = await findings(files(p, { 'deploy.yml': step }))
    expect({ exitCode, rules }).toEqual({ exitCode: 1, rules: ['error audience-reuse'] })
    expect(found[0].message).toContain('also an identity-center-audience')
  })

  it('no-caller: a reusable workflow nothing given calls', async () => {
    const reusable = workflow('workflow_call', '    environment: production')
    const { exitCode, rules } = await findings(
      files(exactSub(`${R}:environment:production`), { 'apply.yml': reusable })
    )
    expect(rules).toEqual(['error no-matching-steps', 'warning no-caller'])
    expect(exitCode).toBe(1)
  })

  it('no-matching-steps: --role names a role no step assumes', async () => {
    const other = 'arn:aws:iam::111122223333:role/other'
    const { exitCode, rules, found } = await findings(files(exactSub(`${R}:ref:refs/heads/main`)), [
      '--role',
      other
    ])
    expect({ exitCode, rules }).toEqual({ exitCode: 1, rules: ['error no-matching-steps'] })
    expect(found[0].message).toContain(`that assumes ${other}`)
  })
})

describe('check-trust output formats', () => {
  const input = files(policy({ StringEquals: AUD }), {
    'deploy.yml': workflow('{ push: { branches: [main] } }', '    environment: production')
  })

  it('text: a table, each refusal explained, each finding with its fix, the verdict', async () => {
    const p = exactSub(`${R}:ref:refs/heads/main`)
    const result = await runCheckTrustCommand(
      { ...input, 'policy.json': JSON.stringify(p, null, 2) },
      ['--policy', 'policy.json', '--repository', 'octo-org/octo-repo']
    )
    expect(result.exitCode).toBe(1)
    const lines = result.stdout.split('\n')
    expect(lines[2]).toMatch(/^WORKFLOW\s+JOB\s+EVENT\s+SUB\s+AUD\s+RESULT$/)
    expect(lines[3]).toMatch(
      /^\.github\/workflows\/deploy\.yml:4\s+deploy\s+push\s+repo:octo-org\/octo-repo:environment:production\s+sts\.amazonaws\.com\s+REFUSED$/
    )
    expect(result.stdout).toContain('statement 0, the Allow closest to accepting, requires')
    expect(result.stdout).toContain(`StringEquals ${K}:sub "${R}:ref:refs/heads/main"`)
    expect(lines.at(-2)).toBe('FAIL: 0 accepted, 1 refused; 0 errors, 0 warnings.')
  })

  it('sarif: each finding and refusal as a result at its line, for code scanning', async () => {
    // Wide (any octo-org repository) and narrow (main only) at once: a finding and a refusal.
    const wide = policy({
      StringEquals: AUD,
      StringLike: { [`${K}:sub`]: 'repo:octo-org/*:ref:refs/heads/main' }
    })
    const text = JSON.stringify(wide, null, 2)
    const statementLine = text.split('\n').indexOf('    {') + 1
    expect(statementLine).toBe(4)
    const result = await runCheckTrustCommand({ ...input, 'policy.json': text }, [
      '--policy',
      'policy.json',
      '--repository',
      'octo-org/octo-repo',
      '--format',
      'sarif'
    ])
    expect(result.exitCode).toBe(1)
    const sarif = JSON.parse(result.stdout)
    expect(sarif.version).toBe('2.1.0')
    const run = sarif.runs[0]
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id)
    const results = run.results.map(
      (r: {
        ruleId: string
        level: string
        locations: {
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
        }[]
      }) => ({
        ruleId: r.ruleId,
        level: r.level,
        at: `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`
      })
    )
    expect(results).toEqual([
      { ruleId: 'job-refused', level: 'error', at: '.github/workflows/deploy.yml:4' },
      { ruleId: 'sub-unchecked', level: 'error', at: `policy.json:${statementLine}` }
    ])
    for (const r of results) expect(ruleIds).toContain(r.ruleId)
  })
})
