import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { Emulator } from '../../emulator/index.js'

// Asks the emulated GitHub for an id_token the way @actions/core's getIDToken does.
export function idTokenResponse(
  emulator: Emulator,
  audience?: string,
  authorization = `Bearer ${emulator.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`
): Promise<Response> {
  const query = audience === undefined ? '' : `&audience=${encodeURIComponent(audience)}`
  return fetch(`${emulator.env.ACTIONS_ID_TOKEN_REQUEST_URL}${query}`, {
    headers: { authorization, accept: 'application/json' }
  })
}

export async function requestIdToken(emulator: Emulator, audience?: string): Promise<string> {
  const response = await idTokenResponse(emulator, audience)
  if (response.status !== 200) throw new Error(`id token request failed: ${response.status}`)
  return ((await response.json()) as { value: string }).value
}

export function decodeIdToken(token: string) {
  return { header: decodeProtectedHeader(token), claims: decodeJwt(token) }
}
