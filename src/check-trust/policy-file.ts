// Finds the trust policy in the file given with --policy: a policy document, `aws iam get-role`
// output, a CloudFormation template (JSON or YAML) or `terraform show -json` output (plan or
// state). Only literal documents are read: a CloudFormation function (!Sub, Fn::Join, …) is
// resolved at deploy time, and guessing its value would check a policy that may not exist.
import { LineCounter, parseDocument, visit } from 'yaml'
import type { Node } from 'yaml'
import { PolicyDocumentError, parsePolicyDocument, statementsOf } from '../trust-policy/document.js'
import type { PolicyDocument } from '../trust-policy/document.js'
import { BadInput } from './options.js'

export interface PolicyFile {
  readonly document: PolicyDocument
  /** The line each statement starts on (1 when the document is a string inside the file). */
  readonly statementLines: readonly number[]
}

interface Candidate {
  readonly name: string | undefined
  readonly where: string
  readonly path: readonly (string | number)[] | undefined
  readonly value: unknown
}

export function readPolicyFile(file: string, text: string, role: string | undefined): PolicyFile {
  const bad = (problem: string) => new BadInput(`--policy ${file}: ${problem}`)
  if (/\.tf$/i.test(file) || /^\s*resource\s+"/m.test(text)) {
    throw bad(
      'Terraform HCL is not read: give `terraform show -json` output of a plan or state, or the policy as JSON'
    )
  }
  const lineCounter = new LineCounter()
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  if (yaml.errors.length > 0) {
    const { line } = lineCounter.linePos(yaml.errors[0].pos[0])
    throw bad(`not JSON or YAML (line ${line}: ${yaml.errors[0].message.split('\n')[0]})`)
  }
  const candidates = candidatesIn(yaml.toJS())
  if (candidates.length === 0) {
    throw bad(
      'no trust policy found: give a policy document ({"Statement": …}), `aws iam get-role` output, a CloudFormation template with an AWS::IAM::Role, or `terraform show -json` output'
    )
  }
  const chosen = choose(candidates, role, bad)
  const value =
    typeof chosen.value === 'string' ? embedded(chosen.value, chosen.where, bad) : chosen.value
  const node = chosen.path ? (yaml.getIn(chosen.path, true) as Node | undefined) : undefined
  if (node) refuseFunctions(node, lineCounter, chosen.where, bad)
  refuseFunctionObjects(value, chosen.where, bad)
  let document: PolicyDocument
  try {
    document = parsePolicyDocument(value)
  } catch (err) {
    if (err instanceof PolicyDocumentError)
      throw bad(`${chosen.where}: ${err.path}: ${err.problem}`)
    throw err
  }
  const lineOf = (path: (string | number)[]) => {
    const n = chosen.path
      ? (yaml.getIn([...chosen.path, ...path], true) as Node | undefined)
      : undefined
    return n?.range ? lineCounter.linePos(n.range[0]).line : 1
  }
  const list = Array.isArray(document.Statement)
  return {
    document,
    statementLines: statementsOf(document).map((_, i) =>
      lineOf(list ? ['Statement', i] : ['Statement'])
    )
  }
}

function candidatesIn(root: unknown): Candidate[] {
  if (!isObject(root)) return []
  if ('Statement' in root)
    return [{ name: undefined, where: 'the document', path: [], value: root }]
  if (isObject(root.Role) && root.Role.AssumeRolePolicyDocument !== undefined) {
    const path = ['Role', 'AssumeRolePolicyDocument']
    return [
      {
        name: String(root.Role.RoleName ?? ''),
        where: path.join('.'),
        path,
        value: root.Role.AssumeRolePolicyDocument
      }
    ]
  }
  if (root.AssumeRolePolicyDocument !== undefined) {
    return [
      {
        name: undefined,
        where: 'AssumeRolePolicyDocument',
        path: ['AssumeRolePolicyDocument'],
        value: root.AssumeRolePolicyDocument
      }
    ]
  }
  if (isObject(root.Resources)) {
    return Object.entries(root.Resources).flatMap(([id, resource]) => {
      if (
        !isObject(resource) ||
        resource.Type !== 'AWS::IAM::Role' ||
        !isObject(resource.Properties)
      )
        return []
      const document = resource.Properties.AssumeRolePolicyDocument
      if (document === undefined) return []
      const name =
        typeof resource.Properties.RoleName === 'string' ? resource.Properties.RoleName : id
      const path = ['Resources', id, 'Properties', 'AssumeRolePolicyDocument']
      return [{ name, where: `Resources.${id}`, path, value: document }]
    })
  }
  return terraformRoles(root)
}

/** aws_iam_role resources anywhere in `terraform show -json` output, their policy a JSON string. */
function terraformRoles(value: unknown, found: Candidate[] = []): Candidate[] {
  if (Array.isArray(value)) value.forEach((v) => terraformRoles(v, found))
  if (!isObject(value)) return found
  if (
    value.type === 'aws_iam_role' &&
    isObject(value.values) &&
    typeof value.values.assume_role_policy === 'string'
  ) {
    const where = String(value.address ?? 'aws_iam_role')
    if (!found.some((c) => c.where === where)) {
      found.push({
        name: String(value.values.name ?? ''),
        where,
        path: undefined,
        value: value.values.assume_role_policy
      })
    }
    return found
  }
  Object.values(value).forEach((v) => terraformRoles(v, found))
  return found
}

function choose(
  candidates: Candidate[],
  role: string | undefined,
  bad: (p: string) => BadInput
): Candidate {
  if (candidates.length === 1) return candidates[0]
  const names = candidates.map((c) => `${c.where}${c.name ? ` (${c.name})` : ''}`).join(', ')
  if (role === undefined)
    throw bad(
      `holds ${candidates.length} roles (${names}): give --role with the ARN of the one to check`
    )
  const name = role.slice(role.lastIndexOf('/') + 1)
  const matching = candidates.filter((c) => c.name === name)
  if (matching.length !== 1)
    throw bad(
      `none of its roles, ${names}, is named ${name} (from --role); give the ARN of one of them`
    )
  return matching[0]
}

/** get-role from the API gives the document URL-encoded; Terraform gives it as a JSON string. */
function embedded(text: string, where: string, bad: (p: string) => BadInput): unknown {
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate)
    } catch {
      // the other form, or neither
    }
  }
  throw bad(`${where}: the policy is a string that is not JSON`)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function refuseFunctions(
  node: Node,
  lineCounter: LineCounter,
  where: string,
  bad: (p: string) => BadInput
): void {
  visit(node, {
    Node(_, n) {
      if (n.tag?.startsWith('!')) {
        const line = n.range ? lineCounter.linePos(n.range[0]).line : 1
        throw bad(
          `${where} uses the CloudFormation function ${n.tag} (line ${line}); ${LITERAL_ONLY}`
        )
      }
    }
  })
}

function refuseFunctionObjects(value: unknown, where: string, bad: (p: string) => BadInput): void {
  if (Array.isArray(value)) return value.forEach((v) => refuseFunctionObjects(v, where, bad))
  if (!isObject(value)) return
  const fn = Object.keys(value).find((k) => k === 'Ref' || k.startsWith('Fn::'))
  if (fn && Object.keys(value).length === 1)
    throw bad(`${where} uses the CloudFormation function ${fn}; ${LITERAL_ONLY}`)
  Object.values(value).forEach((v) => refuseFunctionObjects(v, where, bad))
}

const LITERAL_ONLY =
  'the check reads literal documents only: give the deployed policy, e.g. `aws iam get-role --role-name NAME --query Role.AssumeRolePolicyDocument`'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
