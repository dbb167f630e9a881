import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { AssumeRoleSettings } from '../config/index.js'
import { stsClientOptions } from '../net/aws-client-options.js'
import { cannedHandler, warmUp } from './warm-up.js'

const el = (name: string, ...inner: string[]) => `<${name}>${inner.join('')}</${name}>`
// The shape of STS's answer, with every field the real one has, so that parsing it runs the same
// code. Nothing in it is real, and nothing reads it.
const ANSWER = el(
  'AssumeRoleWithWebIdentityResponse',
  el(
    'AssumeRoleWithWebIdentityResult',
    el('SubjectFromWebIdentityToken', 'w'),
    el('Audience', 'w'),
    el('AssumedRoleUser', el('Arn', 'w'), el('AssumedRoleId', 'w')),
    el(
      'Credentials',
      el('AccessKeyId', 'w'),
      el('SecretAccessKey', 'w'),
      el('SessionToken', 'w'),
      el('Expiration', '2000-01-01T00:00:00Z')
    ),
    el('Provider', 'w'),
    el('PackedPolicySize', '0')
  ),
  el('ResponseMetadata', el('RequestId', 'w'))
)

let warmed = false

/**
 * One AssumeRoleWithWebIdentity through a client like the real one, answered from a can (see
 * warmUp): once per process, as the code stays compiled.
 */
export async function warmUpSts(config: AssumeRoleSettings): Promise<boolean> {
  if (warmed) return false
  warmed = true
  const client = new STSClient({
    ...stsClientOptions(config),
    requestHandler: cannedHandler({
      statusCode: 200,
      headers: { 'content-type': 'text/xml' },
      body: ANSWER
    })
  })
  return warmUp(() =>
    client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: config.roleArn,
        RoleSessionName: config.sessionName,
        WebIdentityToken: 'warm-up',
        DurationSeconds: config.durationSeconds
      })
    )
  )
}
