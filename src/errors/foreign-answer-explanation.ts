import type { ForeignAnswerSeen } from './foreign-answer.js'

/**
 * What to tell the user of a ForeignAnswer: who answered instead, probably, and what to look at.
 * Apart from the class, so that only a failure loads its text.
 */
export function foreignAnswerExplanation({ expected, status }: ForeignAnswerSeen): string[] {
  const never =
    status >= 300 && status < 400
      ? `${expected} never redirects this request`
      : `${expected} answers it in ${expected === 'AWS' ? 'XML or JSON' : 'JSON'}`
  return [
    `${never}: the answer came from something between the runner and ${expected}, probably a proxy, a firewall or a captive portal. Nothing was exported.`,
    'Check http-proxy / no-proxy and the HTTPS_PROXY / NO_PROXY variables, and ask whoever runs the network whether it blocks or rewrites this host.'
  ]
}
