import { defaultAwsFile } from '../state/default-aws-files.js'

/**
 * What post sets a variable to that had no value before main set it. A step can set a variable
 * but not unset it, so each gets the value the AWS CLI and SDKs read as "unset", or keeps main's
 * value where that is harmless; undefined means left as it is.
 */
export function valueWhenUnset(name: string, env: NodeJS.ProcessEnv): string | undefined {
  switch (name) {
    // Blank, the CLI and boto3 read no file at all and miss ~/.aws; its path is what unset means.
    case 'AWS_CONFIG_FILE':
    case 'AWS_SHARED_CREDENTIALS_FILE':
      return defaultAwsFile(env, name)
    // Not secret, and blank is worse than ours: the CLI signs for region "" and the JS SDK
    // refuses it, where either would otherwise have used the region of the profile or asked for one.
    case 'AWS_REGION':
    case 'AWS_DEFAULT_REGION':
      return undefined
    // Credentials and our own variables: blank, which every client reads as unset.
    default:
      return ''
  }
}
