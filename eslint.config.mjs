import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

const SKIPPED_TESTS = {
  selector:
    'CallExpression[callee.property.name=/^(skip|only|todo)$/][callee.object.name=/^(it|test|describe)$/]',
  message: 'Skipped or focused tests count as failures in review.'
}

// The stage fences of DESIGN.md (Layout). Each is the modules it forbids (an exact name, or a
// regex on the import specifier) and, where an import cannot express it, the syntax it forbids.
// A folder's rule options are the union of its fences: a later config object replaces a rule's
// options rather than adding to them.
// Entries are told by name: no other module is called main, post, credential-process or
// check-trust (check-trust/ is the command's folder, not the entry).
const ENTRY_FILES = {
  patterns: [
    {
      regex: '^\\.{1,2}/(.*/)?(main|post|credential-process|check-trust)(\\.[jt]s)?$',
      message: 'An entry file runs its step as it loads: import the module it calls instead.'
    }
  ]
}

const INPUT_MESSAGE = 'Only src/config/ reads inputs: take the value from the Config.'
// Not an importNames restriction on @actions/core: that would refuse `import * as core` too.
const INPUT_FUNCTIONS = '/^(getInput|getBooleanInput|getMultilineInput)$/'
const INPUTS_IN_CONFIG_ONLY = {
  syntax: [
    `ImportDeclaration[source.value='@actions/core'] ImportSpecifier[imported.name=${INPUT_FUNCTIONS}]`,
    `MemberExpression[property.name=${INPUT_FUNCTIONS}]`,
    'MemberExpression[property.name=/^INPUT_/]',
    'Literal[value=/^INPUT_/]',
    'TemplateElement[value.raw=/^INPUT_/]'
  ].map((selector) => ({ selector, message: INPUT_MESSAGE }))
}

const POST_MESSAGE =
  'post/ and state/ load neither @actions/core nor the AWS SDK, so that the post step stays small and fast.'
const NO_CORE_NO_SDK = {
  paths: [{ name: '@actions/core', message: POST_MESSAGE }],
  patterns: [{ regex: '^@aws-sdk/', message: POST_MESSAGE }]
}

const NO_PUBLISH = {
  patterns: [
    {
      regex: '^\\.{1,2}/(.*/)?publish(/|$)',
      message:
        'An exchange returns credentials and never publishes them: main hands them to publish/.'
    }
  ]
}

const EVALUATOR_MESSAGE =
  'trust-policy/ is the evaluator the action, the check-trust command and the emulator share: it loads no runner, SDK or YAML code.'
const PURE_EVALUATOR = {
  paths: [
    { name: '@actions/core', message: EVALUATOR_MESSAGE },
    { name: 'yaml', message: EVALUATOR_MESSAGE }
  ],
  patterns: [{ regex: '^@aws-sdk/', message: EVALUATOR_MESSAGE }]
}

const COMMAND_MESSAGE =
  'check-trust/ is a command run outside the runner: it needs neither @actions/core nor the AWS SDK.'
const NOT_IN_A_STEP = {
  paths: [{ name: '@actions/core', message: COMMAND_MESSAGE }],
  patterns: [{ regex: '^@aws-sdk/', message: COMMAND_MESSAGE }]
}

const NO_COMMAND = {
  patterns: [
    {
      regex: '^\\.{1,2}/(.*/)?check-trust/',
      message:
        'The action never loads the check-trust command (nor its YAML reader): share code through trust-policy/.'
    }
  ]
}

/** Dynamic import() is no import declaration: the same modules, forbidden as syntax. */
function dynamicImports({ paths = [], patterns = [] }) {
  // esquery's regex literal cannot hold a slash.
  const asSelector = (regex) => regex.replaceAll('/', '\\x2F')
  return [
    ...paths.map((p) => ({
      selector: `ImportExpression[source.value='${p.name}']`,
      message: p.message
    })),
    ...patterns.map((p) => ({
      selector: `ImportExpression[source.value=/${asSelector(p.regex)}/]`,
      message: p.message
    }))
  ]
}

function fenced(files, ...fences) {
  const paths = fences.flatMap((f) => f.paths ?? [])
  const patterns = fences.flatMap((f) => f.patterns ?? [])
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns }],
      'no-restricted-syntax': [
        'error',
        SKIPPED_TESTS,
        ...fences.flatMap((f) => [...(f.syntax ?? []), ...dynamicImports(f)])
      ]
    }
  }
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  fenced(['**/*.{ts,mts,cts,js,mjs,cjs}'], ENTRY_FILES),
  fenced(['src/**'], ENTRY_FILES, INPUTS_IN_CONFIG_ONLY, NO_COMMAND),
  fenced(['src/config/**'], ENTRY_FILES, NO_COMMAND),
  fenced(
    ['src/post/**', 'src/state/**'],
    ENTRY_FILES,
    INPUTS_IN_CONFIG_ONLY,
    NO_CORE_NO_SDK,
    NO_COMMAND
  ),
  fenced(['src/exchanges/**'], ENTRY_FILES, INPUTS_IN_CONFIG_ONLY, NO_PUBLISH, NO_COMMAND),
  fenced(['src/trust-policy/**'], ENTRY_FILES, INPUTS_IN_CONFIG_ONLY, PURE_EVALUATOR, NO_COMMAND),
  fenced(
    ['src/check-trust/**', 'src/check-trust.ts'],
    ENTRY_FILES,
    INPUTS_IN_CONFIG_ONLY,
    NOT_IN_A_STEP
  )
)
