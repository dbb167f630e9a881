import * as core from '@actions/core'
import type { Config } from '../config/index.js'

const ACCOUNT_ID = /\b\d{12}\b/g

/**
 * mask-aws-account-id: every account the inputs name (in role-to-assume and the other role ARNs,
 * identity-center-account-id, allowed-account-ids) is masked before any request is sent, so
 * that a failure, its hints and the lines before it never show one. The account the answer
 * names is masked again in publish, as it may be another.
 */
export function maskNamedAccounts(config: Config): void {
  if (!config.maskAccountId) return
  for (const account of new Set(JSON.stringify(config).match(ACCOUNT_ID))) core.setSecret(account)
}
