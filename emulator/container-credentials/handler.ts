import { textReply } from '../http-message.js'
import type { EmulatorRequest, Reply } from '../http-message.js'
import { issueCredentials } from '../iam/credentials.js'
import type { IssuedCredentials } from '../iam/credentials.js'
import { parseRoleArn } from '../iam/role-arn.js'
import { remoteCredentialsJson } from '../iam/remote-credentials.js'
import type { Scenario } from '../scenario.js'

// The container credentials endpoint of ECS tasks, CodeBuild and EKS Pod Identity: clients find
// it in AWS_CONTAINER_CREDENTIALS_FULL_URI and send AWS_CONTAINER_AUTHORIZATION_TOKEN as the
// Authorization header.

export interface ContainerCredentialsScenario {
  // The task (or service) role; null: an endpoint with no role to serve.
  roleArn: string | null
  authorizationToken: string
  // The name the role sessions get (ECS uses the task id).
  sessionName: string
}

export interface ContainerCredentialsService {
  scenario(): Scenario
  issuedCredentials: IssuedCredentials[]
}

export const CONTAINER_CREDENTIALS_PREFIX = '/container-credentials'
// ECS limits task role sessions to six hours too.
const SESSION_SECONDS = 6 * 3600

export function containerCredentialsAction(request: EmulatorRequest): string {
  return request.url.pathname.startsWith(`${CONTAINER_CREDENTIALS_PREFIX}/`)
    ? 'GetCredentials'
    : 'NotFound'
}

export function handleContainerCredentials(
  request: EmulatorRequest,
  service: ContainerCredentialsService
): Promise<Reply> {
  return Promise.resolve(reply(request, service))
}

function reply(request: EmulatorRequest, service: ContainerCredentialsService): Reply {
  const action = containerCredentialsAction(request)
  if (action === 'NotFound') return textReply(action, 404, 'Not Found')
  if (request.method !== 'GET') return textReply(action, 405, 'Method Not Allowed')
  const { roleArn, authorizationToken, sessionName } = service.scenario().containerCredentials
  if (request.headers.authorization !== authorizationToken)
    return textReply(action, 401, 'Unauthorized: invalid authorization token')
  const role = roleArn ? parseRoleArn(roleArn) : undefined
  if (!role) return textReply(action, 404, 'Not Found: no role for this task')
  const nowMs = Date.now()
  const credentials = issueCredentials(role, sessionName, SESSION_SECONDS, nowMs)
  service.issuedCredentials.push(credentials)
  return textReply(action, 200, remoteCredentialsJson(credentials, nowMs, 'container'), {
    'content-type': 'application/json'
  })
}
