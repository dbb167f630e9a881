// The yardstick: the least any implementation must do, with node's own HTTP client and nothing
// else. Builtins come through process.getBuiltinModule, as the bundle loads them: an ESM import of
// node:http reads every export of the module, which loads node's bundled undici (+20–40 ms).
//   node bench/floor.mjs                   the STS path: the token GET, the STS POST
//   node bench/floor.mjs identity-center   the Identity Center path: two token GETs side by side,
//     the STS POST for the exchange role, CreateTokenWithIAM signed with its credentials, then
//     GetRoleCredentials: four round trips, one after the other.
// Either ends by appending the credentials to GITHUB_ENV.
const { appendFileSync } = process.getBuiltinModule('node:fs')
const { createHash, createHmac } = process.getBuiltinModule('node:crypto')

function send(url, options = {}, body) {
  const client = process.getBuiltinModule(url.startsWith('https:') ? 'node:https' : 'node:http')
  return new Promise((resolve, reject) => {
    const req = client.request(url, options, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve(text))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const env = process.env
const input = (name) => env[`INPUT_${name.toUpperCase()}`]
const idToken = async (audience) =>
  JSON.parse(
    await send(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${audience}`, {
      headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    })
  ).value

async function assumeRoleWithWebIdentity(token) {
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: input('role-to-assume'),
    RoleSessionName: 'floor',
    WebIdentityToken: token,
    DurationSeconds: '3600'
  }).toString()
  const xml = await send(
    `${env.AWS_ENDPOINT_URL_STS}/`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    form
  )
  const field = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)[1]
  return {
    accessKeyId: field('AccessKeyId'),
    secretAccessKey: field('SecretAccessKey'),
    sessionToken: field('SessionToken')
  }
}

/** SigV4 headers for a JSON POST (the least a signed AWS request costs). */
function signed(url, body, creds, service, region) {
  const { host, pathname, search } = new URL(url)
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '')
  const day = amzDate.slice(0, 8)
  const sha = (text) => createHash('sha256').update(text).digest('hex')
  const headers = {
    'content-type': 'application/json',
    host,
    'x-amz-date': amzDate,
    'x-amz-security-token': creds.sessionToken
  }
  const names = Object.keys(headers).sort()
  const query = [...new URLSearchParams(search)]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&')
  const canonical = [
    'POST',
    pathname,
    query,
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    sha(body)
  ].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`
  const hmac = (key, text) => createHmac('sha256', key).update(text).digest()
  let key = `AWS4${creds.secretAccessKey}`
  for (const part of [day, region, service, 'aws4_request']) key = hmac(key, part)
  const signature = createHmac('sha256', key).update(toSign).digest('hex')
  const authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  return { ...headers, authorization }
}

async function identityCenter() {
  const region = input('identity-center-region') || input('aws-region')
  const [stsToken, issuerToken] = await Promise.all([
    idToken(input('audience') || 'sts.amazonaws.com'),
    idToken(input('identity-center-audience'))
  ])
  const exchange = await assumeRoleWithWebIdentity(stsToken)
  const url = `${env.AWS_ENDPOINT_URL_SSO_OIDC}/token?aws_iam=t`
  const body = JSON.stringify({
    clientId: input('identity-center-application-arn'),
    grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: issuerToken,
    scope: ['sso:account:access']
  })
  const headers = signed(url, body, exchange, 'sso-oauth', region)
  const { accessToken } = JSON.parse(await send(url, { method: 'POST', headers }, body))
  const query = new URLSearchParams({
    account_id: input('identity-center-account-id'),
    role_name: input('identity-center-role-name')
  })
  const { roleCredentials } = JSON.parse(
    await send(`${env.AWS_ENDPOINT_URL_SSO}/federation/credentials?${query}`, {
      headers: { 'x-amz-sso_bearer_token': accessToken }
    })
  )
  return roleCredentials
}

const creds =
  process.argv[2] === 'identity-center'
    ? await identityCenter()
    : await assumeRoleWithWebIdentity(await idToken(input('audience') || 'sts.amazonaws.com'))
appendFileSync(
  env.GITHUB_ENV,
  `AWS_ACCESS_KEY_ID=${creds.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}\nAWS_SESSION_TOKEN=${creds.sessionToken}\n`
)
