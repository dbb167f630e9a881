import { builtinModules } from 'node:module'

// Node wraps each builtin imported from ESM in a module record listing all its exports, which
// costs start-up time (measured: fs, crypto and os together +21 ms; through
// process.getBuiltinModule, which returns the module itself, +12 ms). This rewrites the bundle's
// static and dynamic imports of builtins into process.getBuiltinModule calls.
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

const STATIC =
  /import\s*(?:(\*\s*as\s*[\w$]+)|([\w$]+)?\s*,?\s*(\{[^}]*\})?)\s*from\s*["']([^"']+)["'];?/g
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g
const BARE = /import\s*["']([^"']+)["'];?/g

const destructure = (names) =>
  names
    .slice(1, -1)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1:$2'))
    .join(',')

export function builtinsWithoutEsm() {
  return {
    name: 'builtins-without-esm',
    renderChunk(code) {
      const get = (id) => `process.getBuiltinModule(${JSON.stringify(id)})`
      const out = code
        .replace(STATIC, (all, star, dflt, named, id) => {
          if (!BUILTINS.has(id)) return all
          const parts = []
          if (star) parts.push(`const ${star.replace(/^\*\s*as\s*/, '')}=${get(id)};`)
          if (dflt) parts.push(`const ${dflt}=${get(id)};`)
          if (named) parts.push(`const{${destructure(named)}}=${get(id)};`)
          return parts.join('')
        })
        .replace(BARE, (all, id) => (BUILTINS.has(id) ? `${get(id)};` : all))
        .replace(DYNAMIC, (all, id) => (BUILTINS.has(id) ? `Promise.resolve(${get(id)})` : all))
      return { code: out, map: null }
    }
  }
}
