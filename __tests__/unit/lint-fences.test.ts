import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The stage fences of eslint.config.mjs, each shown to refuse a planted violation in the folder
// it guards and to let the same code pass where it is allowed.
const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') })
const FENCE_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax'])

async function fenceErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file })
  return result.messages.filter((m) => FENCE_RULES.has(m.ruleId ?? '')).map((m) => m.message)
}

const POST = /post\/ and state\/ load neither @actions\/core nor the AWS SDK/
const INPUTS = /Only src\/config\/ reads inputs/
const PUBLISH = /An exchange returns credentials and never publishes them/
const ENTRY = /An entry file runs its step as it loads/
const EVALUATOR =
  /trust-policy\/ is the evaluator the action, the check-trust command and the emulator share/
const COMMAND = /check-trust\/ is a command run outside the runner/
const NO_COMMAND = /The action never loads the check-trust command/

describe('the lint fences refuse a violating import in the folder they guard', () => {
  it.each<[string, string, string, RegExp]>([
    ['post/ imports @actions/core', 'src/post/x.ts', "import * as core from '@actions/core'", POST],
    [
      'state/ imports the SDK',
      'src/state/x.ts',
      "import { STSClient } from '@aws-sdk/client-sts'",
      POST
    ],
    ['post/ loads the SDK lazily', 'src/post/x.ts', "await import('@aws-sdk/client-sso')", POST],
    ['state/ loads @actions/core lazily', 'src/state/x.ts', "await import('@actions/core')", POST],
    ['net/ reads an input from env', 'src/net/x.ts', "process.env['INPUT_HTTP-PROXY']", INPUTS],
    ['publish/ reads an input as a property', 'src/publish/x.ts', 'process.env.INPUT_X', INPUTS],
    [
      'token/ builds an input name',
      'src/token/x.ts',
      'const f = (n: string) => process.env[`INPUT_${n}`]',
      INPUTS
    ],
    [
      'run/ calls core.getInput',
      'src/run/x.ts',
      "import * as core from '@actions/core'\ncore.getInput('x')",
      INPUTS
    ],
    [
      'errors/ imports getBooleanInput',
      'src/errors/x.ts',
      "import { getBooleanInput } from '@actions/core'",
      INPUTS
    ],
    [
      'an entry calls getMultilineInput',
      'src/main.ts',
      "import * as core from '@actions/core'\ncore.getMultilineInput('x')",
      INPUTS
    ],
    [
      'exchanges/ imports publish/',
      'src/exchanges/x.ts',
      "import { publish } from '../publish/index.js'",
      PUBLISH
    ],
    [
      'exchanges/ imports a publish/ type',
      'src/exchanges/x.ts',
      "import type { Obtained } from '../publish/index.js'",
      PUBLISH
    ],
    [
      'exchanges/diagnosis/ imports publish/',
      'src/exchanges/diagnosis/x.ts',
      "import '../../publish/summary.js'",
      PUBLISH
    ],
    [
      'exchanges/ loads publish/ lazily',
      'src/exchanges/x.ts',
      "await import('../publish/profiles.js')",
      PUBLISH
    ],
    ['run/ imports main', 'src/run/x.ts', "import '../main.js'", ENTRY],
    ['a stage imports post', 'src/publish/x.ts', "import '../post.js'", ENTRY],
    [
      'a test imports credential-process',
      '__tests__/x.test.ts',
      "import '../src/credential-process.js'",
      ENTRY
    ],
    ['the runner loads an entry lazily', 'runner/x.ts', "await import('../src/main.js')", ENTRY],
    ['a stage imports the check-trust entry', 'src/run/x.ts', "import '../check-trust.js'", ENTRY],
    [
      'trust-policy/ imports @actions/core',
      'src/trust-policy/x.ts',
      "import * as core from '@actions/core'",
      EVALUATOR
    ],
    [
      'trust-policy/ imports yaml',
      'src/trust-policy/x.ts',
      "import { parse } from 'yaml'",
      EVALUATOR
    ],
    [
      'trust-policy/ loads the SDK lazily',
      'src/trust-policy/x.ts',
      "await import('@aws-sdk/client-sts')",
      EVALUATOR
    ],
    [
      'check-trust/ imports @actions/core',
      'src/check-trust/x.ts',
      "import * as core from '@actions/core'",
      COMMAND
    ],
    [
      'run/ loads check-trust/ lazily',
      'src/run/x.ts',
      "await import('../check-trust/check.js')",
      NO_COMMAND
    ],
    [
      'config/ imports a check-trust/ type',
      'src/config/x.ts',
      "import type { Options } from '../check-trust/options.js'",
      NO_COMMAND
    ]
  ])('%s', async (_case, file, code, message) => {
    const errors = await fenceErrors(file, code)
    expect(errors).toEqual([expect.stringMatching(message)])
  })
})

describe('the same code passes where it is allowed', () => {
  it.each<[string, string, string]>([
    [
      'publish/ imports @actions/core and the SDK',
      'src/publish/x.ts',
      "import * as core from '@actions/core'\nimport { STSClient } from '@aws-sdk/client-sts'\nexport { core, STSClient }"
    ],
    [
      'config/ reads inputs every way',
      'src/config/x.ts',
      "import * as core from '@actions/core'\nimport { getInput } from '@actions/core'\nexport const v = [core.getInput('a'), getInput('b'), process.env.INPUT_A, process.env['INPUT_B'], ((n: string) => process.env[`INPUT_${n}`])('c')]"
    ],
    [
      'post/ imports state/ and the proxy inputs',
      'src/post/x.ts',
      "import '../state/keys.js'\nimport '../config/proxy-inputs.js'\nimport './clean-up.js'"
    ],
    [
      'exchanges/ imports state/',
      'src/exchanges/x.ts',
      "import type { WrittenFileRecord } from '../state/written-files.js'\nexport type R = WrittenFileRecord"
    ],
    [
      'run/ imports publish/ and a module named like an entry',
      'src/run/x.ts',
      "import '../publish/index.js'\nimport '../post/clean-up.js'\nimport './main-step.js'"
    ],
    [
      'check-trust/ imports yaml and trust-policy/',
      'src/check-trust/x.ts',
      "import { parse } from 'yaml'\nimport '../trust-policy/evaluate.js'\nexport { parse }"
    ],
    [
      'run/ loads trust-policy/ and its own preflight lazily',
      'src/run/x.ts',
      "await import('../trust-policy/evaluate.js')\nawait import('./trust-preflight.js')"
    ],
    [
      'the check-trust entry imports its command',
      'src/check-trust.ts',
      "import './check-trust/cli.js'"
    ],
    [
      'a test reads inputs it sets up',
      '__tests__/x.test.ts',
      "export const env = { 'INPUT_AWS-REGION': 'eu-west-1' }"
    ]
  ])('%s', async (_case, file, code) => {
    expect(await fenceErrors(file, code)).toEqual([])
  })
})
