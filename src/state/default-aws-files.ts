import { homedir } from 'node:os'
import { join } from 'node:path'

/** The variables that name the AWS CLI's and SDKs' shared files. */
export type AwsFileVariable = 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE'

/**
 * The file the AWS CLI and SDKs read when `variable` is unset: ~/.aws/config or
 * ~/.aws/credentials. Main carries its profiles into the files it writes; post points the variable
 * back at it, since a step can set a variable but not unset it, and a blank one hides ~/.aws from
 * the CLI and boto3.
 */
export function defaultAwsFile(env: NodeJS.ProcessEnv, variable: AwsFileVariable): string {
  const home = env.HOME || env.USERPROFILE || homedir()
  return join(home, '.aws', variable === 'AWS_CONFIG_FILE' ? 'config' : 'credentials')
}
