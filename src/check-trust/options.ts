// The command line of check-trust. Bad input names the option, says what was wrong and what is
// accepted, and exits 2 (1 is kept for "a job is refused or the policy has an error finding").
import { parseArgs } from 'node:util'
import { parseRepository } from './repository.js'
import type { Repository } from './repository.js'
import { DEFAULT_SUB_KEYS, SUB_CLAIM_KEYS } from './subject.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
const FORMATS = ['text', 'json', 'sarif'] as const
export type Format = (typeof FORMATS)[number]

export interface Options {
  readonly policy: string
  /** Empty: every .yml/.yaml file in .github/workflows. */
  readonly workflows: readonly string[]
  readonly repository: Repository
  readonly role: string | undefined
  readonly format: Format
  readonly subKeys: readonly string[]
  readonly defaultBranch: string
  readonly issuer: string
}

export class BadInput extends Error {}

export const USAGE = `Usage: check-trust --policy FILE [options]

Decides, before any run, whether each job's GitHub token will be accepted by a role's trust
policy, and reports what in the policy is weak.

  --policy FILE          the trust policy: a JSON document, \`aws iam get-role\` output, a
                         CloudFormation template or \`terraform show -json\` output
  --workflow FILE        a workflow file (repeatable); default: .github/workflows/*.yml
  --repository O/R       OWNER/REPO, or OWNER@ID/REPO@ID for the immutable sub form;
                         default: $GITHUB_REPOSITORY
  --role ARN             only the steps that assume this role; default: every step
  --format F             text (default), json or sarif
  --sub-claim-keys K,K   the repository's customised sub (include_claim_keys); default: repo,context
  --default-branch NAME  the branch schedule and other events run on; default: main
  --issuer URL           the token issuer; default: ${GITHUB_ISSUER}
  --help                 this text

Exit status: 0 every job accepted and no error finding; 1 otherwise; 2 bad input.`

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const args = argv[0] === 'check-trust' ? argv.slice(1) : argv
  let values: Record<string, string | string[] | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        workflow: { type: 'string', multiple: true },
        repository: { type: 'string' },
        role: { type: 'string' },
        format: { type: 'string' },
        'sub-claim-keys': { type: 'string' },
        'default-branch': { type: 'string' },
        issuer: { type: 'string' },
        help: { type: 'boolean' }
      }
    }))
  } catch (err) {
    throw new BadInput(argumentProblem(err))
  }
  if (values.help) return 'help'
  if (positionals.length > 0) {
    throw new BadInput(
      `unexpected argument ${JSON.stringify(positionals[0])}: every input is an option, e.g. --workflow FILE`
    )
  }
  const text = (name: string) => values[name] as string | undefined
  const policy = text('policy')
  if (!policy) throw new BadInput('--policy FILE is required: the trust policy to check')
  const repositoryText = text('repository') ?? env.GITHUB_REPOSITORY
  if (!repositoryText) {
    throw new BadInput(
      '--repository is required (OWNER/REPO, or OWNER@ID/REPO@ID) when GITHUB_REPOSITORY is not set'
    )
  }
  const repository = parseRepository(repositoryText)
  if (!repository) {
    throw new BadInput(
      `--repository ${JSON.stringify(repositoryText)} is not a repository: give OWNER/REPO, or OWNER@ID/REPO@ID`
    )
  }
  const role = text('role')
  if (role !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(role)) {
    throw new BadInput(
      `--role ${JSON.stringify(role)} is not an IAM role ARN: give arn:aws:iam::123456789012:role/NAME`
    )
  }
  const format = text('format') ?? 'text'
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new BadInput(
      `--format ${JSON.stringify(format)} is not a format: give ${FORMATS.join(', ')}`
    )
  }
  return {
    policy,
    workflows: (values.workflow as string[] | undefined) ?? [],
    repository,
    role,
    format: format as Format,
    subKeys: subKeys(text('sub-claim-keys')),
    defaultBranch: defaultBranch(text('default-branch')),
    issuer: issuer(text('issuer'))
  }
}

function subKeys(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_SUB_KEYS]
  const keys = text.split(',').map((k) => k.trim())
  const unknown = keys.filter(
    (k) => k !== '' && !SUB_CLAIM_KEYS.has(k) && !/^repo_property_\w+$/.test(k)
  )
  if (keys.length === 0 || keys.includes('') || unknown.length > 0) {
    throw new BadInput(
      `--sub-claim-keys ${JSON.stringify(text)}: ${unknown.length ? `unknown key ${unknown.join(', ')}` : 'an empty key'}; give include_claim_keys separated by commas, from ${[...SUB_CLAIM_KEYS].join(', ')}`
    )
  }
  return keys
}

function defaultBranch(text: string | undefined): string {
  if (text === undefined) return 'main'
  if (text === '' || /[\s:~^?*[\\]/.test(text)) {
    throw new BadInput(
      `--default-branch ${JSON.stringify(text)} is not a branch name: give a name such as main`
    )
  }
  return text
}

function issuer(text: string | undefined): string {
  if (text === undefined) return GITHUB_ISSUER
  if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(text)) {
    throw new BadInput(
      `--issuer ${JSON.stringify(text)} is not an issuer URL: give https://HOST, or https://HOST/_services/token for GitHub Enterprise Server`
    )
  }
  return text.replace(/\/+$/, '')
}

/** node's parseArgs errors, said in terms of this command. */
function argumentProblem(err: unknown): string {
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : String(err)
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? ''
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${option}: the options are --policy, --workflow, --repository, --role, --format, --sub-claim-keys, --default-branch, --issuer and --help`
  }
  const name = option.split(' ')[0]
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take/.test(message)) {
    return `${name} takes no value`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `${name} needs a value, e.g. ${name} VALUE (--help shows each option)`
  }
  return message
}
