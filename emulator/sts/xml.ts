const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

// An element: its name and either its text or its child elements, in order. Every STS response
// is a tree of these, rendered by one function with two spaces per level.
type XmlElement = [name: string, content: string | XmlElement[]]

export interface AssumeRoleXmlResult {
  assumedRoleArn: string
  assumedRoleId: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

/** AssumeRoleWithWebIdentity answers with what AssumeRole does, and the token it took. */
export interface WebIdentityResult extends AssumeRoleXmlResult {
  subject: string
  audience: string
  provider: string
}

// Element order follows the AssumeRoleWithWebIdentity sample in the STS API reference.
export function webIdentityResponseXml(result: WebIdentityResult, requestId: string): string {
  return responseXml('AssumeRoleWithWebIdentity', requestId, [
    ['SubjectFromWebIdentityToken', result.subject],
    ['Audience', result.audience],
    assumedRoleUser(result),
    [
      'Credentials',
      [
        ['SessionToken', result.sessionToken],
        ['SecretAccessKey', result.secretAccessKey],
        ['Expiration', isoSeconds(result.expiration)],
        ['AccessKeyId', result.accessKeyId]
      ]
    ],
    ['Provider', result.provider]
  ])
}

// Element order follows the AssumeRole sample in the STS API reference.
export function assumeRoleResponseXml(result: AssumeRoleXmlResult, requestId: string): string {
  return responseXml('AssumeRole', requestId, [
    assumedRoleUser(result),
    [
      'Credentials',
      [
        ['AccessKeyId', result.accessKeyId],
        ['SecretAccessKey', result.secretAccessKey],
        ['SessionToken', result.sessionToken],
        ['Expiration', isoSeconds(result.expiration)]
      ]
    ]
  ])
}

export function callerIdentityResponseXml(
  identity: { arn: string; userId: string; account: string },
  requestId: string
): string {
  return responseXml('GetCallerIdentity', requestId, [
    ['Arn', identity.arn],
    ['UserId', identity.userId],
    ['Account', identity.account]
  ])
}

// Millisecond precision, as the API reference's sample Expiration shows.
export function webIdentityTokenResponseXml(
  result: { token: string; expiration: Date },
  requestId: string
): string {
  return responseXml('GetWebIdentityToken', requestId, [
    ['WebIdentityToken', result.token],
    ['Expiration', result.expiration.toISOString()]
  ])
}

// `Receiver` marks the service's own failures (5xx), `Sender` the caller's.
export function errorResponseXml(
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender'
): string {
  return documentXml('ErrorResponse', [
    [
      'Error',
      [
        ['Type', type],
        ['Code', code],
        ['Message', message]
      ]
    ],
    ['RequestId', requestId]
  ])
}

function assumedRoleUser(result: { assumedRoleArn: string; assumedRoleId: string }): XmlElement {
  return [
    'AssumedRoleUser',
    [
      ['Arn', result.assumedRoleArn],
      ['AssumedRoleId', result.assumedRoleId]
    ]
  ]
}

// <{Action}Response><{Action}Result>…</…Result><ResponseMetadata>…</…></…Response>
function responseXml(action: string, requestId: string, result: XmlElement[]): string {
  return documentXml(`${action}Response`, [
    [`${action}Result`, result],
    ['ResponseMetadata', [['RequestId', requestId]]]
  ])
}

// The root element carries the STS namespace; the document ends with a newline.
function documentXml(root: string, children: XmlElement[]): string {
  const lines = children.flatMap((child) => elementLines(child, 1))
  return [`<${root} xmlns="${NAMESPACE}">`, ...lines, `</${root}>`, ''].join('\n')
}

function elementLines([name, content]: XmlElement, depth: number): string[] {
  const indent = '  '.repeat(depth)
  if (typeof content === 'string') return [`${indent}<${name}>${escapeXml(content)}</${name}>`]
  return [
    `${indent}<${name}>`,
    ...content.flatMap((child) => elementLines(child, depth + 1)),
    `${indent}</${name}>`
  ]
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
