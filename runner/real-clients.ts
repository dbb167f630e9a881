// The clients users run in the steps after keyless-aws, each as its own process with the job's
// environment: the AWS CLI v2 and boto3 (Debian's awscli and python3-boto3, which .ci/run
// installs), the AWS CLI v1 (pip's awscli, see aws-cli-v1.ts) and the AWS SDK for JavaScript v3. Each finds credentials its own way (environment,
// profile files, credential_process) and proves them with a signed GetCallerIdentity against the
// emulator, which checks the signature against the secret it issued. They print who they are,
// never the credentials.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { awsCliV1 } from './aws-cli-v1.js'
import type { Job } from './job.js'
import { node24 } from './node24.js'

export const REAL_CLIENTS = ['aws-cli-v2', 'aws-cli-v1', 'boto3', 'js-sdk'] as const
export type RealClient = (typeof REAL_CLIENTS)[number]

export interface ClientRun {
  readonly client: RealClient
  readonly exitCode: number
  /** The caller's ARN when the call succeeded. */
  readonly arn?: string
  readonly stdout: string
  readonly stderr: string
}

const JS_CONSUMER = fileURLToPath(new URL('./aws-consumer.mjs', import.meta.url))

// Debian's CLI (2.9) and boto3 (1.26) predate AWS_ENDPOINT_URL_<SERVICE>, so the emulator's STS
// address is given to them explicitly, as a user of a private endpoint would.
const BOTO3 = `
import boto3, json, os, sys
profile = sys.argv[1] or None
sts = boto3.Session(profile_name=profile).client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS'])
print(json.dumps({'arn': sts.get_caller_identity()['Arn']}))
`

function command(client: RealClient, profile: string, endpoint: string): [string, string[]] {
  const named = profile === '' ? [] : ['--profile', profile]
  const cli = ['sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', endpoint]
  switch (client) {
    case 'aws-cli-v2':
      return ['/usr/bin/aws', [...cli, ...named]]
    case 'aws-cli-v1':
      return [awsCliV1(), [...cli, ...named]]
    case 'boto3':
      return ['/usr/bin/python3', ['-c', BOTO3, profile]]
    case 'js-sdk':
      return [node24(), [JS_CONSUMER, profile === '' ? 'chain' : 'ini-or-process', profile]]
  }
}

/** GetCallerIdentity by one client, with credentials found as that client finds them. */
export function callerIdentity(job: Job, client: RealClient, profile = ''): Promise<ClientRun> {
  // With no credentials found, each client would go on to ask EC2 instance metadata at
  // 169.254.169.254: tests send nothing beyond loopback, so that last link of the chain is off.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...job.env,
    AWS_EC2_METADATA_DISABLED: 'true'
  }
  const [file, args] = command(client, profile, env.AWS_ENDPOINT_URL_STS ?? '')
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env, cwd: env.GITHUB_WORKSPACE, encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => {
        const exitCode = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        let arn: string | undefined
        if (exitCode === 0) {
          const parsed = JSON.parse(stdout) as { arn?: string; Arn?: string }
          arn = parsed.arn ?? parsed.Arn
        }
        resolve({ client, exitCode, arn, stdout, stderr })
      }
    )
  })
}
