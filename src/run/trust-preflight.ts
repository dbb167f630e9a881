// trust-policy-file: the job's own token decided against the role's trust policy before any
// request to STS, as IAM would decide it. A refusal fails the step with the statement and the
// conditions that decided, and no request is sent; what is weak in the policy becomes warnings
// and a section of the job summary. Loaded only when the input is set. It returns problems and
// refusals as data for main-step to throw: importing errors/ here would make Rollup split the
// errors module out of the chunk the STS path loads, and that path must not grow.
import { readFile } from 'node:fs/promises'
import * as core from '@actions/core'
import type { IdToken } from '../token/github.js'
import type { TokenSource } from '../token/source.js'
import { contextFromClaims, providerArn, providerId } from '../trust-policy/condition-keys.js'
import { PolicyDocumentError, parsePolicyDocument, statementsOf } from '../trust-policy/document.js'
import { escapeData } from '../errors/escape-data.js'
import type { PolicyDocument } from '../trust-policy/document.js'
import { evaluateTrust } from '../trust-policy/evaluate.js'
import type { ConditionResult, TrustDecision } from '../trust-policy/evaluate.js'
import { WEB_IDENTITY_ACTION, name, policyFindings } from '../trust-policy/findings.js'
import type { Finding } from '../trust-policy/findings.js'

/** Why the token is refused: the layers of the failure and the lines that explain it. */
export interface Refusal {
  readonly layers: string[]
  readonly explanation: string[]
}

export interface GuardOptions {
  /** The role whose trust policy this is: role-to-assume. */
  readonly roleArn: string
  /** Only tokens for this audience are decided (Identity Center's own tokens are not); all when undefined. */
  readonly audience: string | undefined
  /** The error a refusal is thrown as. */
  readonly refuse: (refusal: Refusal) => Error
}

export interface TrustPolicyGuard {
  /** The same source, each token it hands out decided against the policy before it is used. */
  guard<T extends TokenSource>(source: T, options: GuardOptions): T
}

class Problem extends Error {}

/** Reads and checks the file before any request: a problem is bad input, with nothing sent. */
export async function loadTrustPolicy(
  file: string
): Promise<TrustPolicyGuard | { problem: string }> {
  let policy: PolicyDocument
  try {
    policy = parse(file, await read(file))
  } catch (err) {
    if (err instanceof Problem) return { problem: err.message }
    throw err
  }
  let reported = false
  return {
    guard(source, options) {
      // One decision per token: role-profiles use one token for several roles at once.
      const decided = new Map<string, Promise<void>>()
      const check = async (token: IdToken) => {
        if (options.audience !== undefined && !audiences(token).includes(options.audience))
          return token
        if (!decided.has(token.jwt)) {
          decided.set(token.jwt, decide(file, policy, token, options, !reported))
          reported = true
        }
        await decided.get(token.jwt)
        return token
      }
      return {
        ...source,
        current: () => source.current().then(check),
        fresh: () => source.fresh().then(check)
      }
    }
  }
}

const audiences = (token: IdToken) => [token.claims.aud].flat().map(String)

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    const code = (err as { code?: string }).code
    throw new Problem(
      `Input trust-policy-file: ${file} cannot be read (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}); give the path of the role's trust policy, a JSON document, relative to GITHUB_WORKSPACE.`
    )
  }
}

function parse(file: string, text: string): PolicyDocument {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new Problem(
      `Input trust-policy-file: ${file} is not JSON (${(err as Error).message}); give the trust policy as a JSON document.`
    )
  }
  try {
    return parsePolicyDocument(value)
  } catch (err) {
    if (!(err instanceof PolicyDocumentError)) throw err
    throw new Problem(`Input trust-policy-file: ${file} at ${err.path}: ${err.problem}.`)
  }
}

async function decide(
  file: string,
  policy: PolicyDocument,
  token: IdToken,
  { roleArn, refuse }: GuardOptions,
  report: boolean
): Promise<void> {
  const issuer = String(token.claims.iss ?? '')
  const [, partition, , , account] = roleArn.split(':')
  const provider = providerArn(partition, account, issuer)
  const decision = evaluateTrust(policy, {
    action: WEB_IDENTITY_ACTION,
    providerArn: provider,
    context: contextFromClaims(issuer, token.claims)
  })
  if (report) {
    const findings = policyFindings(policy, issuer)
    for (const f of findings)
      core.warning(`${f.message} Fix: ${f.fix}`, { title: `trust-policy-file: ${f.rule}` })
    await summarize(file, policy, decision, findings)
  }
  if (decision.accepted) {
    const by = name(statementsOf(policy)[decision.statement.index], decision.statement.index)
    core.info(escapeData(`trust-policy-file ${file}: ${by} accepts this job's token.`))
    return
  }
  const prefix = providerId(issuer)
  throw refuse({
    layers: [`trust-policy-file ${file}`, 'the job’s token is refused; no request was sent to STS'],
    explanation: [
      ...why(decision, policy, provider),
      'The token carried:',
      ...['aud', 'sub'].map(
        (claim) => `  ${prefix}:${claim} = ${String(token.claims[claim] ?? '')}`
      )
    ]
  })
}

function why(
  decision: Exclude<TrustDecision, { accepted: true }>,
  policy: PolicyDocument,
  provider: string
): string[] {
  const statement =
    decision.statement &&
    name(statementsOf(policy)[decision.statement.index], decision.statement.index)
  if (decision.reason === 'explicit-deny') {
    return [
      `${statement}, a Deny, applies to this token: each of its conditions holds.`,
      ...decision.conditions.map(line)
    ]
  }
  if (!statement) {
    return [
      `No Allow statement names the provider ${provider} with the action ${WEB_IDENTITY_ACTION}.`
    ]
  }
  return [
    `${statement}, the Allow closest to accepting, requires what this token does not have:`,
    ...decision.conditions.map(line)
  ]
}

function line(c: ConditionResult): string {
  const has =
    c.actual === undefined
      ? 'the key is not in the request (IAM sets no such key for this token)'
      : `the token has ${c.actual.map((v) => JSON.stringify(v)).join(', ')}`
  return `  ${c.operator} ${c.key} ${c.expected.map((v) => JSON.stringify(v)).join(' or ')}: ${has}`
}

async function summarize(
  file: string,
  policy: PolicyDocument,
  decision: TrustDecision,
  findings: readonly Finding[]
): Promise<void> {
  const verdict = decision.accepted ? 'accepts' : 'refuses'
  const by = decision.statement
    ? ` (${name(statementsOf(policy)[decision.statement.index], decision.statement.index)})`
    : ''
  try {
    const summary = core.summary
      .addHeading('Trust policy check', 3)
      .addRaw(`<code>${escape(file)}</code> ${verdict} this job's token${escape(by)}.`, true)
    const items = findings.map(
      (f) => `<b>${f.severity} ${f.rule}</b>: ${escape(f.message)} Fix: ${escape(f.fix)}`
    )
    await (items.length > 0 ? summary.addList(items) : summary).write()
  } catch (err) {
    core.warning(`The job summary could not be written: ${(err as Error).message}`)
  }
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
