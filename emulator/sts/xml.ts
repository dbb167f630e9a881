const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

export interface WebIdentityResult {
  subject: string
  audience: string
  provider: string
  assumedRoleArn: string
  assumedRoleId: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

// Element order follows the AssumeRoleWithWebIdentity sample in the STS API reference.
export function webIdentityResponseXml(result: WebIdentityResult, requestId: string): string {
  return [
    `<AssumeRoleWithWebIdentityResponse xmlns="${NAMESPACE}">`,
    '  <AssumeRoleWithWebIdentityResult>',
    element('SubjectFromWebIdentityToken', result.subject, 4),
    element('Audience', result.audience, 4),
    '    <AssumedRoleUser>',
    element('Arn', result.assumedRoleArn, 6),
    element('AssumedRoleId', result.assumedRoleId, 6),
    '    </AssumedRoleUser>',
    '    <Credentials>',
    element('SessionToken', result.sessionToken, 6),
    element('SecretAccessKey', result.secretAccessKey, 6),
    element('Expiration', isoSeconds(result.expiration), 6),
    element('AccessKeyId', result.accessKeyId, 6),
    '    </Credentials>',
    element('Provider', result.provider, 4),
    '  </AssumeRoleWithWebIdentityResult>',
    '  <ResponseMetadata>',
    element('RequestId', requestId, 4),
    '  </ResponseMetadata>',
    '</AssumeRoleWithWebIdentityResponse>',
    ''
  ].join('\n')
}

export interface AssumeRoleXmlResult {
  assumedRoleArn: string
  assumedRoleId: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

// Element order follows the AssumeRole sample in the STS API reference.
export function assumeRoleResponseXml(result: AssumeRoleXmlResult, requestId: string): string {
  return responseXml('AssumeRole', requestId, [
    '    <AssumedRoleUser>',
    element('Arn', result.assumedRoleArn, 6),
    element('AssumedRoleId', result.assumedRoleId, 6),
    '    </AssumedRoleUser>',
    '    <Credentials>',
    element('AccessKeyId', result.accessKeyId, 6),
    element('SecretAccessKey', result.secretAccessKey, 6),
    element('SessionToken', result.sessionToken, 6),
    element('Expiration', isoSeconds(result.expiration), 6),
    '    </Credentials>'
  ])
}

export function callerIdentityResponseXml(
  identity: { arn: string; userId: string; account: string },
  requestId: string
): string {
  return responseXml('GetCallerIdentity', requestId, [
    element('Arn', identity.arn, 4),
    element('UserId', identity.userId, 4),
    element('Account', identity.account, 4)
  ])
}

export function webIdentityTokenResponseXml(
  result: { token: string; expiration: Date },
  requestId: string
): string {
  return responseXml('GetWebIdentityToken', requestId, [
    element('WebIdentityToken', result.token, 4),
    element('Expiration', result.expiration.toISOString(), 4)
  ])
}

// <{Action}Response><{Action}Result>…</…Result><ResponseMetadata>…</…></…Response>
function responseXml(action: string, requestId: string, result: string[]): string {
  return [
    `<${action}Response xmlns="${NAMESPACE}">`,
    `  <${action}Result>`,
    ...result,
    `  </${action}Result>`,
    '  <ResponseMetadata>',
    element('RequestId', requestId, 4),
    '  </ResponseMetadata>',
    `</${action}Response>`,
    ''
  ].join('\n')
}

// `Receiver` marks the service's own failures (5xx), `Sender` the caller's.
export function errorResponseXml(
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender'
): string {
  return [
    `<ErrorResponse xmlns="${NAMESPACE}">`,
    '  <Error>',
    element('Type', type, 4),
    element('Code', code, 4),
    element('Message', message, 4),
    '  </Error>',
    element('RequestId', requestId, 2),
    '</ErrorResponse>',
    ''
  ].join('\n')
}

// STS writes timestamps without milliseconds.
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c])
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

function element(name: string, text: string, indent: number): string {
  return `${' '.repeat(indent)}<${name}>${escapeXml(text)}</${name}>`
}
