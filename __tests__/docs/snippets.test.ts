// Every JSON and YAML snippet in README.md and docs/*.md parses as it is written, and every trust
// policy in the docs (JSON, CloudFormation YAML, JSON in shell heredocs, Terraform jsonencode or
// heredoc) locks both the token's aud and its sub. A fragment that is not meant to parse belongs
// in a ```text block.
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  WEB_IDENTITY,
  fencedBlocks,
  kindOf,
  parseYaml,
  shellJson,
  terraformJson,
  trustProblems,
  trustStatements,
  where
} from './snippets.js'
import type { Block } from './snippets.js'

const ROOT = new URL('../../', import.meta.url)
const DOCS = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
]
const blocks = DOCS.flatMap((file) => fencedBlocks(file, readFileSync(new URL(file, ROOT), 'utf8')))

/** The documents a block holds, parsed; throws with the block's place when one does not parse. */
function documents(block: Block): unknown[] {
  try {
    switch (kindOf(block)) {
      case 'json':
        return [JSON.parse(block.text)]
      case 'yaml':
        return parseYaml(block.text)
      case 'shell':
        return shellJson(block.text).map((d) => d.value)
      case 'hcl':
        return terraformJson(block.text).map((d) => d.value)
      default:
        return []
    }
  } catch (error) {
    throw new Error(`${where(block)} does not parse: ${(error as Error).message}`, { cause: error })
  }
}

/** Mentions of the action outside comments: each must be in a policy the test has parsed. */
function mentions(block: Block): number {
  const kind = kindOf(block)
  const lines = block.text.split('\n')
  const code =
    kind === 'shell' || kind === 'hcl' || kind === 'yaml'
      ? lines.filter((l) => !/^\s*(#|\/\/)/.test(l))
      : lines
  return code.join('\n').split(WEB_IDENTITY).length - 1
}

describe('snippets in README.md and docs/*.md', () => {
  it('finds the docs and their blocks', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/trust-setup.md']))
    for (const kind of ['yaml', 'shell', 'hcl'])
      expect(blocks.filter((b) => kindOf(b) === kind).length, kind).toBeGreaterThan(0)
  })

  it.each(blocks.filter((b) => kindOf(b)).map((b) => [where(b), b] as const))(
    '%s parses',
    (_name, block) => {
      expect(() => documents(block)).not.toThrow()
    }
  )

  it.each(blocks.filter((b) => kindOf(b)).map((b) => [where(b), b] as const))(
    '%s: every trust policy locks aud and sub',
    (_name, block) => {
      const statements = documents(block).flatMap(trustStatements)
      // A policy the parsers did not reach (a data "aws_iam_policy_document", say) is not checked.
      expect(statements.length, `${where(block)}: trust policies not understood`).toBe(
        mentions(block)
      )
      for (const statement of statements)
        expect(trustProblems(statement), `${where(block)}: ${JSON.stringify(statement)}`).toEqual(
          []
        )
    }
  )

  it('checks the trust policies of every path in every form of docs/trust-setup.md', () => {
    const count = (file: string, kind: string) =>
      blocks
        .filter((b) => b.file === file && kindOf(b) === kind)
        .flatMap(documents)
        .flatMap(trustStatements).length
    // STS path: build and deploy role; Identity Center path: the exchange role.
    expect(count('docs/trust-setup.md', 'shell')).toBe(3)
    expect(count('docs/trust-setup.md', 'yaml')).toBe(3)
    expect(count('docs/trust-setup.md', 'hcl')).toBe(3)
  })
})

describe('the trust-policy check itself', () => {
  const statement = (condition: unknown) => ({
    Effect: 'Allow',
    Action: WEB_IDENTITY,
    Condition: condition
  })
  const AUD = 'token.actions.githubusercontent.com:aud'
  const SUB = 'token.actions.githubusercontent.com:sub'

  it('accepts aud and sub locked to one repository, in either sub form', () => {
    for (const sub of [
      'repo:octo-org/octo-repo:environment:production',
      'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main'
    ])
      expect(
        trustProblems(statement({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: sub } }))
      ).toEqual([])
    expect(
      trustProblems(
        statement({
          StringEquals: { [AUD]: 'sts.amazonaws.com' },
          StringLike: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/release/*' }
        })
      )
    ).toEqual([])
  })

  it('refuses a missing sub, a missing aud, an owner-wide sub and a negated condition', () => {
    expect(trustProblems(statement({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }))).toEqual([
      'no StringEquals/StringLike condition on :sub'
    ])
    expect(trustProblems(statement(undefined))).toHaveLength(2)
    expect(
      trustProblems(
        statement({
          StringEquals: { [AUD]: 'sts.amazonaws.com' },
          StringLike: { [SUB]: 'repo:octo-org/*' }
        })
      )
    ).toEqual(['the sub condition "repo:octo-org/*" does not fix the owner and the repository'])
    expect(
      trustProblems(
        statement({
          StringNotEquals: { [AUD]: 'x', [SUB]: 'repo:octo-org/octo-repo:pull_request' }
        })
      )
    ).toHaveLength(2)
  })

  it('finds trust policies in shell heredocs and in Terraform jsonencode', () => {
    const shell = [
      "cat > t.json <<'JSON'",
      `{"Statement": [{"Effect": "Allow", "Action": "${WEB_IDENTITY}"}]}`,
      'JSON'
    ].join('\n')
    expect(shellJson(shell).flatMap((d) => trustStatements(d.value))).toHaveLength(1)
    const hcl = [
      'resource "aws_iam_role" "r" {',
      '  assume_role_policy = jsonencode({',
      '    Statement = [{',
      `      Action    = ["${WEB_IDENTITY}"] # a comment`,
      '      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }',
      '      Condition = { StringEquals = { "x:aud" = "a", "x:sub" = "repo:o/r:ref:refs/heads/main" } }',
      '    }]',
      '  })',
      '}'
    ].join('\n')
    const [found] = terraformJson(hcl).flatMap((d) => trustStatements(d.value))
    expect(found.Principal).toEqual({ Federated: '${aws_iam_openid_connect_provider.github.arn}' })
    expect(trustProblems(found)).toEqual([])
  })

  it('parses CloudFormation short-form tags without warnings', () => {
    const [template] = parseYaml(
      'A: !Ref B\nC: !GetAtt D.Arn\nE: !Sub "${AWS::AccountId}"\nF: !Join ["", [a, b]]\n'
    )
    expect(template).toEqual({
      A: { Ref: 'B' },
      C: { 'Fn::GetAtt': 'D.Arn' },
      E: { 'Fn::Sub': '${AWS::AccountId}' },
      F: { 'Fn::Join': ['', ['a', 'b']] }
    })
  })
})
