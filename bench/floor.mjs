// The yardstick: the least any implementation must do on the STS path. One GET for the id_token,
// one POST to STS, the credentials appended to GITHUB_ENV; node's own HTTP client, nothing else.
import { appendFileSync } from 'node:fs'
import { request } from 'node:http'

function send(url, options, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
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
const tokenUrl = `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`
const { value } = JSON.parse(
  await send(tokenUrl, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
  })
)
const form = new URLSearchParams({
  Action: 'AssumeRoleWithWebIdentity',
  Version: '2011-06-15',
  RoleArn: env['INPUT_ROLE-TO-ASSUME'],
  RoleSessionName: 'floor',
  WebIdentityToken: value,
  DurationSeconds: '3600'
}).toString()
const xml = await send(
  `${env.AWS_ENDPOINT_URL_STS}/`,
  { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  form
)
const field = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)[1]
appendFileSync(
  env.GITHUB_ENV,
  `AWS_ACCESS_KEY_ID=${field('AccessKeyId')}\nAWS_SECRET_ACCESS_KEY=${field('SecretAccessKey')}\nAWS_SESSION_TOKEN=${field('SessionToken')}\n`
)
