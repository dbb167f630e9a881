import type { Reply } from '../http-message.js'
import { serviceNamed } from '../registry.js'
import type { FaultError } from './fault-map.js'
import { restJsonError } from './formats.js'

// The reply to an injected error, in the format of the service the registry names.
export function faultReply(service: string, action: string, error: FaultError): Reply {
  return (serviceNamed(service)?.faultErrors.reply ?? restJsonError)(action, error)
}

export function throttlingReply(service: string, action: string): Reply {
  const throttling = serviceNamed(service)?.faultErrors.throttling ?? { status: 429 }
  return faultReply(service, action, throttling)
}
