// A job's `if:` often limits it to one event or ref (`github.event_name == 'push'`,
// `github.ref == 'refs/heads/main'`); a check that ignored it would report tokens the job never
// asks for. Only a conjunction of such comparisons is read; anything else limits nothing.
import { Automaton } from '../trust-policy/automaton.js'
import { rangeOf } from '../trust-policy/claim-set.js'
import { githubFilterTokens } from '../trust-policy/pattern-tokens.js'
import { escapeFilter } from './triggers.js'
import type { TriggerRun } from './triggers.js'

type Atom =
  | { kind: 'event'; equal: boolean; value: string }
  | { kind: 'ref'; equal: boolean; value: string }
  | { kind: 'ref-prefix'; value: string }

export function limitRuns(
  runs: readonly TriggerRun[],
  condition: string | undefined
): TriggerRun[] {
  const atoms = condition === undefined ? [] : parse(condition)
  return runs.flatMap((run) => {
    let current: TriggerRun | undefined = run
    for (const atom of atoms) current = current && apply(current, atom)
    return current ? [current] : []
  })
}

function parse(condition: string): Atom[] {
  const body = condition
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim()
  if (/\|\||!\(/.test(body)) return []
  return body.split('&&').flatMap((part): Atom[] => {
    const text = part
      .trim()
      .replace(/^\((.*)\)$/, '$1')
      .trim()
    let m = /^github\.(event_name|ref)\s*(==|!=)\s*'([^']*)'$/.exec(text)
    if (m) return [{ kind: m[1] === 'ref' ? 'ref' : 'event', equal: m[2] === '==', value: m[3] }]
    m = /^startsWith\(\s*github\.ref\s*,\s*'([^']*)'\s*\)$/.exec(text)
    return m ? [{ kind: 'ref-prefix', value: m[1] }] : []
  })
}

function apply(run: TriggerRun, atom: Atom): TriggerRun | undefined {
  if (atom.kind === 'event') return (run.event === atom.value) === atom.equal ? run : undefined
  const variableName =
    run.refType === 'branch' ? 'branch' : run.refType === 'tag' ? 'tag' : undefined
  const prefix = run.refType === 'branch' ? 'refs/heads/' : 'refs/tags/'
  if (run.event === 'pull_request') {
    // Its ref is refs/pull/N/merge: never a branch or a tag.
    const pull = atom.value.startsWith('refs/pull/') || 'refs/pull/'.startsWith(atom.value)
    return atom.kind === 'ref' && !atom.equal ? run : pull ? run : undefined
  }
  // Only plain branch and tag runs name their ref by one variable after a fixed prefix.
  if (!variableName || !(variableName in run.variables)) return run
  if (atom.kind === 'ref-prefix') {
    if (prefix.startsWith(atom.value)) return run
    if (!atom.value.startsWith(prefix)) return undefined
    return narrow(run, variableName, `${escapeFilter(atom.value.slice(prefix.length))}**`)
  }
  if (!atom.value.startsWith(prefix)) return atom.equal ? undefined : run
  const name = atom.value.slice(prefix.length)
  if (!atom.equal) {
    const range = run.variables[variableName]
    const rules = [...range.rules, { pattern: escapeFilter(name), negated: true }]
    const variables = { ...run.variables, [variableName]: { ...range, rules } }
    return { ...run, variables, onlyBranch: run.onlyBranch === name ? undefined : run.onlyBranch }
  }
  // Equal to one name: that name alone, if the filter admits it at all.
  return admits(run, variableName, name)
    ? {
        ...run,
        variables: { ...run.variables, [variableName]: rangeOf([escapeFilter(name)]) },
        onlyBranch: run.refType === 'branch' ? name : undefined
      }
    : undefined
}

/** Keeps only the names that also match `pattern` (GitHub filter syntax). */
function narrow(run: TriggerRun, variableName: string, pattern: string): TriggerRun {
  if (pattern === '**') return run
  const range = run.variables[variableName]
  const also = [...(range.also ?? []), [{ pattern, negated: false }]]
  return {
    ...run,
    variables: { ...run.variables, [variableName]: { ...range, also } },
    onlyBranch: undefined
  }
}

function admits(run: TriggerRun, variableName: string, name: string): boolean {
  let inside = false
  for (const rule of run.variables[variableName].rules) {
    const a = new Automaton(githubFilterTokens(rule.pattern))
    if (a.run(a.closure([0]), name).includes(a.final)) inside = !rule.negated
  }
  return inside
}
