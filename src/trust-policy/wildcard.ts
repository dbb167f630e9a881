// IAM's wildcards in StringLike values and in Action: `*` is any run of characters (possibly
// none), `?` is exactly one; every other character stands for itself.

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return wildcardRegExp(pattern, ignoreCase).test(value)
}

export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value)
}

function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const source = Array.from(pattern, (c) =>
    c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')
  ).join('')
  // `s`: a value may hold a line break, and `*` spans it as any other character.
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su')
}
