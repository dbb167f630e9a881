// Reads the fenced code blocks of the Markdown docs and the policy documents inside them: JSON
// blocks, YAML blocks (CloudFormation's short-form tags included), JSON in shell heredocs and in
// single-quoted shell arguments, and Terraform's jsonencode(...) and heredocs.
import { parseAllDocuments } from 'yaml'
import type { ScalarTag, CollectionTag } from 'yaml'

export interface Block {
  readonly file: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly lang: string
  readonly text: string
}

export const where = (block: Block) => `${block.file}:${block.line} (\`\`\`${block.lang})`

/** Fenced code blocks (``` or ~~~, indented or not) with their info string's first word. */
export function fencedBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i])
    if (!open) continue
    const [, indent, fence, lang] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j])
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart())
    }
    blocks.push({ file, line: i + 1, lang: lang.toLowerCase(), text: body.join('\n') })
    i = j
  }
  return blocks
}

export type Kind = 'json' | 'yaml' | 'shell' | 'hcl'
const KINDS: Record<string, Kind> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  hcl: 'hcl',
  terraform: 'hcl',
  tf: 'hcl'
}
export const kindOf = (block: Block): Kind | undefined => KINDS[block.lang]

// CloudFormation's short-form intrinsic functions, so that templates parse without warnings.
const CFN_FUNCTIONS = [
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'And',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'Transform'
]
const fnName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`)
const CFN_TAGS: (ScalarTag | CollectionTag)[] = CFN_FUNCTIONS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [fnName(name)]: value }) } as ScalarTag,
  {
    tag: `!${name}`,
    collection: 'seq',
    resolve: (seq: unknown) => ({ [fnName(name)]: (seq as { toJSON(): unknown }).toJSON() })
  } as unknown as CollectionTag,
  {
    tag: `!${name}`,
    collection: 'map',
    resolve: (map: unknown) => ({ [fnName(name)]: (map as { toJSON(): unknown }).toJSON() })
  } as unknown as CollectionTag
])

/** Every YAML document in the text; throws on any error or warning. */
export function parseYaml(text: string): unknown[] {
  return parseAllDocuments(text, { customTags: CFN_TAGS, prettyErrors: true }).map((doc) => {
    const problems = [...doc.errors, ...doc.warnings]
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'))
    return doc.toJS()
  })
}

/** JSON documents in a shell snippet: heredoc bodies and single-quoted arguments that are JSON. */
export function shellJson(text: string): { what: string; value: unknown }[] {
  const found: { what: string; value: unknown }[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const start = /<<(-?)\s*(['"]?)([A-Za-z_]\w*)\2/.exec(lines[i])
    if (!start) continue
    const [, dash, , delimiter] = start
    const end = lines.findIndex((l, k) => k > i && (dash ? l.replace(/^\t+/, '') : l) === delimiter)
    if (end < 0) throw new Error(`heredoc ${delimiter} opened on line ${i + 1} is never closed`)
    const body = lines.slice(i + 1, end).join('\n')
    if (/^\s*[{[]/.test(body)) found.push({ what: `heredoc ${delimiter}`, value: parseJson(body) })
    i = end
  }
  for (const m of text.matchAll(/'(\{[^']*\})'/g))
    found.push({ what: 'a quoted argument', value: parseJson(m[1]) })
  return found
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}\n${text}`, { cause: error })
  }
}

/** The values of every jsonencode(...) call in a Terraform snippet, and its JSON heredocs. */
export function terraformJson(text: string): { what: string; value: unknown }[] {
  const found: { what: string; value: unknown }[] = []
  const source = stripHclComments(text)
  for (const m of source.matchAll(/\bjsonencode\s*\(/g)) {
    const parser = new HclParser(source, (m.index ?? 0) + m[0].length)
    const value = parser.value()
    parser.expect(')')
    found.push({ what: 'jsonencode', value })
  }
  for (const m of source.matchAll(/<<-?([A-Za-z_]\w*)\n([\s\S]*?)\n\s*\1\b/g)) {
    if (/^\s*[{[]/.test(m[2])) found.push({ what: `heredoc ${m[1]}`, value: parseJson(m[2]) })
  }
  return found
}

/** Blanks # and // comments outside strings (keeps offsets). Block comments are not used here. */
function stripHclComments(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      out += c
      if (c === '\\') out += text[++i] ?? ''
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') {
        out += ' '
        i++
      }
      out += text[i] ?? ''
      continue
    }
    out += c
  }
  return out
}

/** Just enough of HCL's expression syntax for the arguments of jsonencode. */
class HclParser {
  constructor(
    private readonly src: string,
    private pos: number
  ) {}

  value(): unknown {
    this.skip()
    const c = this.src[this.pos]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return this.string()
    const number = /^-?\d+(\.\d+)?/.exec(this.rest())
    if (number) {
      this.pos += number[0].length
      return Number(number[0])
    }
    const traversal = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*/.exec(this.rest())
    if (traversal) {
      this.pos += traversal[0].length
      if (traversal[0] === 'true') return true
      if (traversal[0] === 'false') return false
      if (traversal[0] === 'null') return null
      if (this.src[this.pos] === '(') this.fail('function calls inside jsonencode')
      return `\${${traversal[0]}}`
    }
    return this.fail('a value')
  }

  expect(token: string): void {
    this.skip()
    if (!this.rest().startsWith(token)) this.fail(`'${token}'`)
    this.pos += token.length
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {}
    this.expect('{')
    for (;;) {
      this.skip()
      if (this.src[this.pos] === '}') break
      const key = this.src[this.pos] === '"' ? this.string() : this.identifier()
      this.skip()
      if (this.src[this.pos] !== '=' && this.src[this.pos] !== ':') this.fail("'=' or ':'")
      this.pos++
      result[key] = this.value()
      this.skip()
      if (this.src[this.pos] === ',') this.pos++
    }
    this.pos++
    return result
  }

  private array(): unknown[] {
    const result: unknown[] = []
    this.expect('[')
    for (;;) {
      this.skip()
      if (this.src[this.pos] === ']') break
      result.push(this.value())
      this.skip()
      if (this.src[this.pos] === ',') this.pos++
    }
    this.pos++
    return result
  }

  private identifier(): string {
    const name = /^[A-Za-z_][\w-]*/.exec(this.rest())?.[0] ?? this.fail('an object key')
    this.pos += name.length
    return name
  }

  /** A quoted string; `${...}` interpolations are kept as they are written. */
  private string(): string {
    let out = ''
    this.pos++
    while (this.pos < this.src.length) {
      const c = this.src[this.pos++]
      if (c === '"') return out
      if (c === '\\') {
        const e = this.src[this.pos++]
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e
        continue
      }
      if (c === '$' && this.src[this.pos] === '{') {
        const end = this.src.indexOf('}', this.pos)
        if (end < 0) this.fail("'}' closing an interpolation")
        out += this.src.slice(this.pos - 1, end + 1)
        this.pos = end + 1
        continue
      }
      out += c
    }
    return this.fail('a closing quote')
  }

  private skip(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++
  }

  private rest(): string {
    return this.src.slice(this.pos)
  }

  private fail(expected: string): never {
    const line = this.src.slice(0, this.pos).split('\n').length
    throw new Error(
      `HCL: expected ${expected} at line ${line} of the block: ${this.rest().slice(0, 40)}`
    )
  }
}

export const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity'

/** Every policy statement, anywhere in the value, whose Action includes AssumeRoleWithWebIdentity. */
export function trustStatements(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    const actions = [record.Action].flat()
    if (actions.includes(WEB_IDENTITY)) found.push(record)
    Object.values(record).forEach(visit)
  }
  visit(value)
  return found
}

const LOCKING_OPERATORS = ['StringEquals', 'StringLike']

/** Why a trust statement does not lock aud and sub to one repository, if it does not. */
export function trustProblems(statement: Record<string, unknown>): string[] {
  if (statement.Effect === 'Deny') return []
  const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>
  const locks = { aud: [] as string[], sub: [] as string[] }
  for (const [operator, block] of Object.entries(conditions)) {
    for (const [key, value] of Object.entries(block ?? {})) {
      const claim = /:(aud|sub)$/.exec(key)?.[1] as 'aud' | 'sub' | undefined
      if (!claim) continue
      if (!LOCKING_OPERATORS.includes(operator)) continue
      locks[claim].push(...[value].flat().map(String))
    }
  }
  const problems: string[] = []
  if (locks.aud.length === 0) problems.push('no StringEquals/StringLike condition on :aud')
  if (locks.sub.length === 0) problems.push('no StringEquals/StringLike condition on :sub')
  for (const aud of locks.aud)
    if (/[*?]/.test(aud)) problems.push(`the aud condition "${aud}" has a wildcard`)
  for (const sub of locks.sub) {
    const fixed = sub.split(/[*?]/)[0]
    if (fixed !== sub && !/^repo:[^/:]+\/[^/:]+:/.test(fixed))
      problems.push(`the sub condition "${sub}" does not fix the owner and the repository`)
  }
  return problems
}
