/**
 * The job environment variables configure-aws-credentials takes as its inputs when those are empty
 * (translateEnvVariables in its src/helpers.ts, v6.2.3; v6.3.0 adds translate-env-variables,
 * default true, to turn it off). A workflow that relies on them works here unchanged: the same
 * names, and the same precedence — a non-empty input wins over a non-empty variable.
 *
 * Its list also has HTTP_PROXY (after copying HTTPS_PROXY over it) and NO_PROXY; those are left
 * out because the proxy route reads the runner's proxy variables itself, with the lower-case
 * precedence Node.js and curl use, whether or not this translation is on.
 */
export const INPUT_VARIABLES: readonly string[] = [
  'AWS_REGION',
  'ROLE_TO_ASSUME',
  'WEB_IDENTITY_TOKEN_FILE',
  'ROLE_CHAINING',
  'AUDIENCE',
  'MASK_AWS_ACCOUNT_ID',
  'ROLE_DURATION_SECONDS',
  'ROLE_EXTERNAL_ID',
  'ROLE_SESSION_NAME',
  'ROLE_SKIP_SESSION_TAGGING',
  'TRANSITIVE_TAG_KEYS',
  'INLINE_SESSION_POLICY',
  'MANAGED_SESSION_POLICIES',
  'OUTPUT_CREDENTIALS',
  'UNSET_CURRENT_CREDENTIALS',
  'DISABLE_RETRY',
  'RETRY_MAX_ATTEMPTS',
  'SPECIAL_CHARACTERS_WORKAROUND',
  'USE_EXISTING_CREDENTIALS',
  'OVERWRITE_AWS_PROFILE'
]

/** The input a variable stands for: ROLE_TO_ASSUME → role-to-assume. */
export const inputOfVariable = (variable: string) => variable.toLowerCase().replace(/_/g, '-')

/** The environment as the inputs see it once each empty input has taken its variable's value. */
export function withInputVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const translated = { ...env }
  for (const variable of INPUT_VARIABLES) {
    const key = `INPUT_${variable.replace(/_/g, '-')}`
    // Untrimmed, as the incumbent compares them: an input of only spaces still wins.
    if (env[variable] && !env[key]) translated[key] = env[variable]
  }
  return translated
}
