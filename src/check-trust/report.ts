// What the check reports: each job's decision and the findings, in the shape the JSON output
// has (text and SARIF are made from it).
import type { Finding } from '../trust-policy/findings.js'

export interface Failing {
  readonly key: string
  readonly operator: string
  readonly expected: readonly string[]
}

export interface JobResult {
  readonly workflow: string
  readonly job: string
  readonly line: number
  readonly event: string
  /** For a reusable workflow's job: `FILE#JOB` of the caller. */
  readonly calledFrom: string | undefined
  readonly sub: string
  readonly aud: string
  readonly role: string
  readonly accepted: boolean
  /** Why a token of this job is refused: the deciding statement and its conditions. */
  readonly reason: 'explicit-deny' | 'no-matching-allow' | undefined
  readonly statement: number | undefined
  readonly failing: readonly Failing[]
  /** A token of the set that is refused, when the set is a pattern. */
  readonly example: Readonly<Record<string, string>> | undefined
}

/** A finding and where it is: the policy (its statement) or a workflow file's line. */
export interface Located extends Finding {
  readonly workflow?: { readonly path: string; readonly line: number }
}

export interface CheckReport {
  readonly jobs: readonly JobResult[]
  readonly findings: readonly Located[]
}
