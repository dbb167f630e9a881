// The repository whose workflows are checked: OWNER/REPO, or the immutable OWNER@ID/REPO@ID form
// that GitHub uses in the sub of repositories created since July 2026 (and of any repository
// that opted in), which also gives the two ids.

export interface Repository {
  readonly owner: string
  readonly name: string
  readonly ownerId: string | undefined
  readonly id: string | undefined
}

const NAME = /^[A-Za-z0-9-]+(?:@(\d+))?\/[A-Za-z0-9._-]+(?:@(\d+))?$/

export function parseRepository(text: string): Repository | undefined {
  const m = NAME.exec(text)
  if (!m || (m[1] === undefined) !== (m[2] === undefined)) return undefined
  const [owner, name] = text.split('/').map((part) => part.replace(/@\d+$/, ''))
  return { owner, name, ownerId: m[1], id: m[2] }
}

export const fullName = (r: Repository) => `${r.owner}/${r.name}`

/** The repository as the sub names it: immutable when the ids are known. */
export function subjectSegment(r: Repository): string {
  return r.ownerId !== undefined ? `${r.owner}@${r.ownerId}/${r.name}@${r.id}` : fullName(r)
}
