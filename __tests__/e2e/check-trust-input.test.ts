// Bad input on every option of the bundled check-trust exits 2 with a message that names the
// option and what it accepts; and the policy is found in each file form it reads.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheckTrustCommand } from '../../runner/check-trust-command.js'
import { check, exactSub, workflow } from './check-trust-fixture.js'

const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main'
const GOOD = {
  'policy.json': JSON.stringify(exactSub(MAIN)),
  '.github/workflows/deploy.yml': workflow('{ push: { branches: [main] } }')
}
const BASE = ['--policy', 'policy.json', '--repository', 'octo-org/octo-repo']

describe('check-trust bad input: exit 2, the option named', () => {
  it.each([
    [
      'an unknown option',
      [...BASE, '--polcy', 'x'],
      /unknown option --polcy: the options are --policy, --workflow/
    ],
    ['an option without its value', [...BASE, '--format'], /--format needs a value/],
    ['a value for a flag', [...BASE, '--help=yes'], /--help takes no value/],
    ['a stray argument', [...BASE, 'policy.json'], /unexpected argument "policy.json"/],
    ['no --policy', ['--repository', 'octo-org/octo-repo'], /--policy FILE is required/],
    [
      'a missing policy file',
      ['--policy', 'nope.json', '--repository', 'o/r'],
      /--policy nope.json: cannot be read \(no such file\)/
    ],
    [
      'a policy that is a directory',
      ['--policy', '.github', '--repository', 'o/r'],
      /--policy \.github: cannot be read \(a directory, not a file\)/
    ],
    [
      'no --repository and no GITHUB_REPOSITORY',
      ['--policy', 'policy.json'],
      /--repository is required \(OWNER\/REPO, or OWNER@ID\/REPO@ID\)/
    ],
    [
      'a --repository that is not one',
      ['--policy', 'policy.json', '--repository', 'octo-org'],
      /--repository "octo-org" is not a repository: give OWNER\/REPO/
    ],
    [
      'half the immutable form',
      ['--policy', 'policy.json', '--repository', 'o@1/r'],
      /--repository "o@1\/r" is not a repository/
    ],
    [
      'a --role that is not a role ARN',
      [...BASE, '--role', 'deploy'],
      /--role "deploy" is not an IAM role ARN: give arn:aws:iam::123456789012:role\/NAME/
    ],
    [
      'an unknown --format',
      [...BASE, '--format', 'xml'],
      /--format "xml" is not a format: give text, json, sarif/
    ],
    [
      'an unknown sub claim key',
      [...BASE, '--sub-claim-keys', 'repo,branch'],
      /--sub-claim-keys "repo,branch": unknown key branch; give include_claim_keys/
    ],
    [
      'an empty sub claim key',
      [...BASE, '--sub-claim-keys', 'repo,,context'],
      /--sub-claim-keys "repo,,context": an empty key/
    ],
    [
      'a --default-branch git refuses',
      [...BASE, '--default-branch', 'a:b'],
      /--default-branch "a:b" is not a branch name/
    ],
    [
      'an --issuer that is not https',
      [...BASE, '--issuer', 'http://ghes.example'],
      /--issuer "http:\/\/ghes.example" is not an issuer URL/
    ],
    [
      'a missing workflow file',
      [...BASE, '--workflow', 'ci.yml'],
      /--workflow ci.yml: cannot be read \(no such file\)/
    ]
  ])('%s', async (_, args, message) => {
    const result = await runCheckTrustCommand(GOOD, args)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).toContain('(check-trust --help lists the options)')
    expect(result.stdout).toBe('')
    expect(result.exitCode).toBe(2)
  })

  it.each([
    [
      'YAML it cannot parse',
      'on: [push\njobs: {}',
      /--workflow \.github\/workflows\/bad\.yml: line \d+: /
    ],
    [
      'a file that is not a workflow',
      '- a\n- b\n',
      /--workflow \.github\/workflows\/bad\.yml: is not a workflow/
    ],
    ['a mapping without jobs', 'on: push\n', /is not a workflow: it has no on: or no jobs: mapping/]
  ])('a workflow: %s', async (_, text, message) => {
    const result = await runCheckTrustCommand({ ...GOOD, '.github/workflows/bad.yml': text }, BASE)
    expect(result.stderr).toMatch(message)
    expect(result.exitCode).toBe(2)
  })

  it('no workflows to read', async () => {
    const result = await runCheckTrustCommand({ 'policy.json': GOOD['policy.json'] }, BASE)
    expect(result.stderr).toMatch(/--workflow not given and there is no \.github\/workflows in /)
    expect(result.exitCode).toBe(2)
  })

  it.each([
    [
      'text that is neither JSON nor YAML',
      '{"Statement": [',
      /--policy policy.json: not JSON or YAML \(line 1: /
    ],
    [
      'a file without a policy',
      '{"Version": "2012-10-17"}',
      /--policy policy.json: no trust policy found: give a policy document/
    ],
    [
      'a statement IAM would refuse',
      '{"Statement": {"Effect": "Permit"}}',
      /--policy policy.json: the document: \$\.Statement\.Effect: is "Allow" or "Deny"/
    ],
    [
      'an operator the check cannot decide',
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }
        }
      }),
      /\$\.Statement\.Condition\.IpAddress: is not an operator this check evaluates/
    ],
    [
      'Terraform HCL',
      'resource "aws_iam_role" "deploy" {\n  assume_role_policy = jsonencode({})\n}\n',
      /--policy policy.json: Terraform HCL is not read: give `terraform show -json`/
    ],
    [
      'a CloudFormation function in the document',
      'Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Federated: !Ref GithubOidc }\n            Action: sts:AssumeRoleWithWebIdentity\n',
      /Resources\.Deploy uses the CloudFormation function !Ref \(line 8\); the check reads literal documents only/
    ],
    [
      'Fn::Sub in a JSON template',
      JSON.stringify({
        Resources: {
          Deploy: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Statement: {
                  Effect: 'Allow',
                  Principal: { Federated: { 'Fn::Sub': 'arn:${AWS::Partition}:x' } },
                  Action: 'sts:AssumeRoleWithWebIdentity'
                }
              }
            }
          }
        }
      }),
      /Resources\.Deploy uses the CloudFormation function Fn::Sub/
    ]
  ])('a policy: %s', async (_, text, message) => {
    const result = await runCheckTrustCommand({ ...GOOD, 'policy.json': text }, BASE)
    expect(result.stderr).toMatch(message)
    expect(result.exitCode).toBe(2)
  })

  it('a template with two roles and no --role, or a --role it does not hold', async () => {
    const role = (name: string) => ({
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: name, AssumeRolePolicyDocument: exactSub(MAIN) }
    })
    const template = JSON.stringify({ Resources: { A: role('checked'), B: role('other') } })
    const two = await runCheckTrustCommand({ ...GOOD, 'policy.json': template }, BASE)
    expect(two.stderr).toMatch(
      /holds 2 roles \(Resources\.A \(checked\), Resources\.B \(other\)\): give --role/
    )
    expect(two.exitCode).toBe(2)
    const none = await runCheckTrustCommand({ ...GOOD, 'policy.json': template }, [
      ...BASE,
      '--role',
      'arn:aws:iam::111122223333:role/third'
    ])
    expect(none.stderr).toMatch(/none of its roles, .*, is named third \(from --role\)/)
    expect(none.exitCode).toBe(2)
  })
})

describe('check-trust reads the policy from', () => {
  const document = exactSub(MAIN)
  const role = 'arn:aws:iam::111122223333:role/checked'

  it.each([
    [
      'aws iam get-role output',
      { Role: { RoleName: 'checked', AssumeRolePolicyDocument: document } },
      []
    ],
    [
      'get-role output as the API gives it, URL-encoded',
      {
        Role: {
          RoleName: 'checked',
          AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document))
        }
      },
      []
    ],
    [
      'a CloudFormation template, the role chosen by --role',
      {
        Resources: {
          Other: { Type: 'AWS::S3::Bucket' },
          Deploy: {
            Type: 'AWS::IAM::Role',
            Properties: { RoleName: 'checked', AssumeRolePolicyDocument: document }
          },
          Ci: {
            Type: 'AWS::IAM::Role',
            Properties: { RoleName: 'ci', AssumeRolePolicyDocument: {} }
          }
        }
      },
      ['--role', role]
    ],
    [
      'terraform show -json of a plan',
      {
        planned_values: {
          root_module: {
            resources: [
              {
                address: 'aws_iam_role.deploy',
                type: 'aws_iam_role',
                values: { name: 'checked', assume_role_policy: JSON.stringify(document) }
              }
            ]
          }
        }
      },
      []
    ]
  ])('%s', async (_, content, args) => {
    const { exitCode, report } = await check(
      { ...GOOD, 'policy.json': JSON.stringify(content) },
      args
    )
    expect(report.jobs.map((j) => [j.sub, j.accepted])).toEqual([[MAIN, true]])
    expect(exitCode).toBe(0)
  })

  it('a CloudFormation template in YAML', async () => {
    const yaml = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Deploy:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: !Sub "${AWS::StackName}-deploy"',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com }',
      '            Action: sts:AssumeRoleWithWebIdentity',
      '            Condition:',
      '              StringEquals:',
      '                token.actions.githubusercontent.com:aud: sts.amazonaws.com',
      `                token.actions.githubusercontent.com:sub: ${MAIN}`,
      ''
    ].join('\n')
    const { exitCode, report } = await check({ ...GOOD, 'policy.json': yaml })
    expect(report.jobs.map((j) => j.accepted)).toEqual([true])
    expect(exitCode).toBe(0)
  })
})

describe('check-trust takes paths', () => {
  it('absolute, for the policy and each workflow, outside the directory it runs in', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'check-trust-elsewhere-'))
    const policy = join(elsewhere, 'policy.json')
    const deploy = join(elsewhere, 'deploy.yml')
    writeFileSync(policy, GOOD['policy.json'])
    writeFileSync(deploy, GOOD['.github/workflows/deploy.yml'])
    const result = await runCheckTrustCommand({}, [
      '--policy',
      policy,
      '--workflow',
      deploy,
      '--repository',
      'octo-org/octo-repo'
    ])
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(MAIN)
    expect(result.exitCode).toBe(0)
  })
})

describe('check-trust as the package’s command', () => {
  it('is the bin of the package, and takes check-trust as its first word', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(pkg.bin).toEqual({ 'keyless-aws': 'dist/check-trust.js' })
    expect(readFileSync(new URL('../../dist/check-trust.js', import.meta.url), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/
    )
    const result = await runCheckTrustCommand(GOOD, ['check-trust', ...BASE])
    expect(result.stdout).toContain('PASS: 1 accepted, 0 refused; 0 errors, 0 warnings.')
    expect(result.exitCode).toBe(0)
  })

  it('takes the repository from GITHUB_REPOSITORY, as in a workflow', async () => {
    const result = await runCheckTrustCommand(GOOD, ['--policy', 'policy.json'], {
      GITHUB_REPOSITORY: 'octo-org/octo-repo'
    })
    expect(result.exitCode).toBe(0)
  })

  it('--help', async () => {
    const result = await runCheckTrustCommand({}, ['--help'])
    expect(result.stdout).toMatch(/^Usage: check-trust --policy FILE/)
    expect(result.stdout).toContain(
      'Exit status: 0 every job accepted and no error finding; 1 otherwise; 2 bad input.'
    )
    expect(result.exitCode).toBe(0)
  })
})
