// A Rollup plugin that puts a few lines of our own in place of a package the bundle must not
// carry; each use says why the package is never needed.
export function stubModule(name, id, source) {
  const stub = `\0${name}`
  return {
    name,
    resolveId: (imported) => (imported === id ? stub : null),
    load: (loaded) => (loaded === stub ? source : null)
  }
}
