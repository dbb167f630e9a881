// The report as SARIF 2.1.0, which GitHub code scanning takes (github/codeql-action/upload-sarif):
// every finding, and every refused job, as a result at the line it is about.
import type { CheckReport, Located } from './report.js'

const RULES: Readonly<Record<string, string>> = {
  'job-refused': 'A job’s token is refused by the trust policy',
  'sub-unchecked': 'The trust policy does not lock sub to the repository',
  'aud-unchecked': 'The trust policy does not check aud',
  'wildcard-in-string-equals': 'A wildcard in a StringEquals condition, which never matches',
  'ignored-key': 'A condition on a key IAM does not evaluate',
  'audience-reuse': 'An audience shared with another issuer or a browser-style audience',
  'pull-request-and-deploy': 'Pull-request tokens accepted by a role a deploy job uses',
  'any-branch': 'Any branch accepted where the workflow deploys from one',
  'no-caller': 'A reusable workflow that no given workflow calls',
  'no-matching-steps': 'No step that the policy is for'
}

export function formatSarif(
  report: CheckReport,
  policyUri: string,
  statementLines: readonly number[],
  uri: (path: string) => string
): string {
  const location = (path: string, line: number) => ({
    physicalLocation: {
      artifactLocation: { uri: uri(path) },
      region: { startLine: Math.max(1, line) }
    }
  })
  const findingResult = (f: Located) => ({
    ruleId: f.rule,
    level: f.severity,
    message: { text: `${f.message} Fix: ${f.fix}` },
    locations: [
      f.workflow
        ? location(f.workflow.path, f.workflow.line)
        : location(policyUri, statementLines[f.statement ?? 0] ?? 1)
    ]
  })
  const jobResults = report.jobs
    .filter((j) => !j.accepted)
    .map((j) => ({
      ruleId: 'job-refused',
      level: 'error',
      message: {
        text: `Job ${j.job} (${j.event}, sub ${j.sub}) is refused by ${policyUri}: ${j.failing.map((f) => `${f.operator} ${f.key} ${f.expected.join(' | ')}`).join('; ')}.`
      },
      locations: [location(j.workflow, j.line)]
    }))
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyless-aws check-trust',
            rules: Object.entries(RULES).map(([id, text]) => ({ id, shortDescription: { text } }))
          }
        },
        results: [...jobResults, ...report.findings.map(findingResult)]
      }
    ]
  }
  return JSON.stringify(sarif, null, 2) + '\n'
}
