// The two pattern languages the check compares, as one token list each. IAM's StringLike:
// `*` any run, `?` one character. GitHub's branch and tag filters (docs.github.com, "Workflow
// syntax", filter pattern cheat sheet): `*` any run without `/`, `**` any run, `?` zero or one
// and `+` one or more of the character before, `[…]` one character of a set with a-z A-Z 0-9
// ranges, `\` escapes the next character.

/** One step of a pattern: a character test, repeated between min and max times. */
export interface Token {
  readonly chars: CharSet
  readonly min: 0 | 1
  readonly max: 1 | typeof Infinity
}

/** A character test; `listed` names every character it accepts, unless it is `any`. */
export type CharSet =
  | { readonly kind: 'any'; readonly except?: string }
  | { readonly kind: 'listed'; readonly chars: string; readonly ignoreCase: boolean }

const one = (chars: CharSet): Token => ({ chars, min: 1, max: 1 })
const literal = (c: string, ignoreCase = false): Token =>
  one({ kind: 'listed', chars: ignoreCase ? c.toLowerCase() + c.toUpperCase() : c, ignoreCase })

export function accepts(set: CharSet, c: string): boolean {
  if (set.kind === 'any') return c !== set.except
  return set.chars.includes(set.ignoreCase ? c.toLowerCase() : c) || set.chars.includes(c)
}

/** The exact text, as StringEquals compares it (ignoreCase: StringEqualsIgnoreCase). */
export function literalTokens(text: string, ignoreCase = false): Token[] {
  return Array.from(text, (c) => literal(c, ignoreCase))
}

export function iamWildcardTokens(pattern: string): Token[] {
  return Array.from(pattern, (c) =>
    c === '*'
      ? { chars: { kind: 'any' }, min: 0, max: Infinity }
      : c === '?'
        ? one({ kind: 'any' })
        : literal(c)
  )
}

export function githubFilterTokens(pattern: string): Token[] {
  const tokens: Token[] = []
  const chars = Array.from(pattern)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    if (c === '\\' && i + 1 < chars.length) {
      tokens.push(literal(chars[++i]))
    } else if (c === '*') {
      const any = chars[i + 1] === '*'
      if (any) i++
      tokens.push({
        chars: any ? { kind: 'any' } : { kind: 'any', except: '/' },
        min: 0,
        max: Infinity
      })
    } else if ((c === '?' || c === '+') && tokens.length > 0 && tokens.at(-1)!.max === 1) {
      const before = tokens.pop()!
      if (c === '?') tokens.push({ chars: before.chars, min: 0, max: 1 })
      else tokens.push(before, { chars: before.chars, min: 0, max: Infinity })
    } else if (c === '[') {
      const end = chars.indexOf(']', i + 1)
      if (end < 0) {
        tokens.push(literal(c))
        continue
      }
      tokens.push(
        one({ kind: 'listed', chars: expandSet(chars.slice(i + 1, end)), ignoreCase: false })
      )
      i = end
    } else {
      tokens.push(literal(c))
    }
  }
  return tokens
}

/** Every character a set lists, ranges written out (GitHub allows a-z, A-Z and 0-9 only). */
function expandSet(body: string[]): string {
  let out = ''
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const from = body[i].codePointAt(0)!
      const to = body[i + 2].codePointAt(0)!
      for (let p = from; p <= to && p - from < 128; p++) out += String.fromCodePoint(p)
      i += 2
    } else {
      out += body[i]
    }
  }
  return out
}
