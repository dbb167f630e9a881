// A trust policy document, read from JSON the way IAM reads it: one statement or a list, a string
// or a list wherever IAM takes either. What the evaluator cannot decide is refused here, by path,
// rather than guessed at later.
import { parseOperator } from './operators.js'

export type Scalar = string | number | boolean
export type ConditionValue = Scalar | Scalar[]
/** Operator → condition key → the value or values it is compared with. */
export type ConditionBlock = Record<string, Record<string, ConditionValue>>

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Principal?:
    '*' | { Federated?: string | string[]; AWS?: string | string[]; Service?: string | string[] }
  Action?: string | string[]
  NotAction?: string | string[]
  Condition?: ConditionBlock
}

export interface PolicyDocument {
  Version?: string
  Statement: PolicyStatement | PolicyStatement[]
}

/** The document is not one this check can read; `path` says where, as a JSON path. */
export class PolicyDocumentError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string
  ) {
    super(`${path}: ${problem}`)
    this.name = 'PolicyDocumentError'
  }
}

const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'NotAction', 'Condition'])
const PRINCIPAL_TYPES = new Set(['Federated', 'AWS', 'Service'])

export function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
}

/** Checks that `value` is a trust policy document this check evaluates exactly as IAM would. */
export function parsePolicyDocument(value: unknown): PolicyDocument {
  if (!isObject(value)) throw new PolicyDocumentError('$', 'a policy document is a JSON object')
  if (!('Statement' in value)) {
    throw new PolicyDocumentError('$', 'has no Statement (a trust policy has one or a list)')
  }
  const raw = value.Statement
  const list = Array.isArray(raw) ? raw : [raw]
  list.forEach((s, i) =>
    checkStatement(s, Array.isArray(raw) ? `$.Statement[${i}]` : '$.Statement')
  )
  return value as unknown as PolicyDocument
}

function checkStatement(statement: unknown, path: string): void {
  if (!isObject(statement)) throw new PolicyDocumentError(path, 'a statement is a JSON object')
  for (const field of Object.keys(statement)) {
    if (STATEMENT_FIELDS.has(field)) continue
    const why =
      field === 'NotPrincipal'
        ? 'NotPrincipal is not evaluated by this check; name the principal in Principal'
        : field === 'Resource' || field === 'NotResource'
          ? 'a trust policy has no Resource: the role itself is the resource'
          : `unknown field; a statement has ${[...STATEMENT_FIELDS].join(', ')}`
    throw new PolicyDocumentError(`${path}.${field}`, why)
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw new PolicyDocumentError(`${path}.Effect`, 'is "Allow" or "Deny"')
  }
  checkPrincipal(statement.Principal, `${path}.Principal`)
  if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
    throw new PolicyDocumentError(path, 'has either Action or NotAction, not both nor neither')
  }
  if (statement.Action !== undefined) checkStrings(statement.Action, `${path}.Action`)
  if (statement.NotAction !== undefined) checkStrings(statement.NotAction, `${path}.NotAction`)
  if (statement.Condition !== undefined) checkCondition(statement.Condition, `${path}.Condition`)
}

function checkPrincipal(principal: unknown, path: string): void {
  if (principal === undefined)
    throw new PolicyDocumentError(path, 'a trust policy names a principal')
  if (principal === '*') return
  if (!isObject(principal))
    throw new PolicyDocumentError(path, 'is "*" or an object such as {"Federated": ARN}')
  for (const [type, names] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) {
      throw new PolicyDocumentError(
        `${path}.${type}`,
        'is not a principal type this check evaluates (Federated, AWS, Service)'
      )
    }
    checkStrings(names, `${path}.${type}`)
  }
}

function checkCondition(block: unknown, path: string): void {
  if (!isObject(block)) throw new PolicyDocumentError(path, 'is an object: operator → key → values')
  for (const [operator, keys] of Object.entries(block)) {
    const at = `${path}.${operator}`
    const parsed = parseOperator(operator)
    if (!parsed) {
      throw new PolicyDocumentError(
        at,
        'is not an operator this check evaluates: the String and Arn operators (with ForAnyValue:/ForAllValues: and …IfExists) and Null'
      )
    }
    if (!isObject(keys)) throw new PolicyDocumentError(at, 'is an object: key → value or values')
    for (const [key, values] of Object.entries(keys)) {
      const list = Array.isArray(values) ? values : [values]
      if (
        list.length === 0 ||
        list.some((v) => !['string', 'number', 'boolean'].includes(typeof v))
      ) {
        throw new PolicyDocumentError(
          `${at}.${key}`,
          'is a string, number or boolean, or a list of them'
        )
      }
      if (
        parsed.kind === 'null' &&
        list.some((v) => !['true', 'false'].includes(String(v).toLowerCase()))
      ) {
        throw new PolicyDocumentError(
          `${at}.${key}`,
          'Null takes "true" (the key is absent) or "false"'
        )
      }
    }
  }
}

function checkStrings(value: unknown, path: string): void {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.some((v) => typeof v !== 'string')) {
    throw new PolicyDocumentError(path, 'is a string or a list of strings')
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
