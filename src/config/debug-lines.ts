import * as core from '@actions/core'
import { withoutUserinfo } from '../errors/index.js'
import type { Config } from './index.js'

/**
 * The inputs as resolved, one debug line per setting. Config holds no secret by design (static
 * keys are refused), with two exceptions handled here: a proxy URL may carry a password, and an
 * external ID is often kept in a repository secret.
 */
export function debugConfig(config: Config): void {
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined) continue
    const shown = name === 'externalId' ? '(given)' : withoutUserinfo(JSON.stringify(value))
    // Account IDs are masked only after the exchange; these lines come before it.
    const line = config.maskAccountId ? shown.replace(/\b\d{12}\b/g, '***') : shown
    core.debug(`config: ${name} = ${line}`)
  }
}
