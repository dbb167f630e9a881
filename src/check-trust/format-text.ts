// The report as a person reads it in a terminal: one line per job and trigger, why a refused job
// is refused, then the findings with their fixes, then the verdict.
import type { CheckReport, JobResult, Located } from './report.js'

export function formatText(report: CheckReport, policyPath: string): string {
  const lines: string[] = [`Trust policy ${policyPath}`, '']
  if (report.jobs.length > 0) {
    const rows = report.jobs.map((j) => [
      `${j.workflow}:${j.line}`,
      j.calledFrom ? `${j.job} (from ${j.calledFrom})` : j.job,
      j.event,
      j.sub,
      j.aud,
      j.accepted ? 'accepted' : 'REFUSED'
    ])
    lines.push(...table([['WORKFLOW', 'JOB', 'EVENT', 'SUB', 'AUD', 'RESULT'], ...rows]))
    for (const job of report.jobs.filter((j) => !j.accepted)) lines.push('', ...refusal(job))
    lines.push('')
  }
  for (const finding of report.findings) lines.push(...findingLines(finding), '')
  lines.push(verdict(report))
  return lines.join('\n') + '\n'
}

function refusal(job: JobResult): string[] {
  const head = `${job.workflow}:${job.line} ${job.job} (${job.event}) is refused`
  const by =
    job.reason === 'explicit-deny'
      ? `by the Deny in statement ${job.statement}, whose conditions all hold:`
      : job.statement !== undefined
        ? `: statement ${job.statement}, the Allow closest to accepting, requires`
        : ': no Allow statement names the provider with sts:AssumeRoleWithWebIdentity;'
  const lines = [by.startsWith(':') ? `${head}${by}` : `${head} ${by}`]
  for (const f of job.failing)
    lines.push(
      `    ${f.operator} ${f.key} ${f.expected.map((e) => JSON.stringify(e)).join(' or ')}`
    )
  if (job.example) {
    lines.push('  for example a token with')
    for (const [claim, value] of Object.entries(job.example)) lines.push(`    ${claim} = ${value}`)
  }
  return lines
}

function findingLines(f: Located): string[] {
  const where = f.workflow
    ? `${f.workflow.path}:${f.workflow.line}`
    : f.statement !== undefined
      ? `statement ${f.statement}`
      : ''
  return [
    `${f.severity.toUpperCase()} ${f.rule}${where ? ` (${where})` : ''}`,
    `  ${f.message}`,
    `  Fix: ${f.fix}`
  ]
}

function verdict(report: CheckReport): string {
  const refused = report.jobs.filter((j) => !j.accepted).length
  const errors = report.findings.filter((f) => f.severity === 'error').length
  const warnings = report.findings.length - errors
  const counts = `${report.jobs.length - refused} accepted, ${refused} refused; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
  return `${refused === 0 && errors === 0 ? 'PASS' : 'FAIL'}: ${counts}.`
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r) =>
    r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')
  )
}
