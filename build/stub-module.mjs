// A Rollup plugin that puts a few lines of our own in place of a package the bundle must not
// carry; each use says why the package is never needed. `stubbedFor` picks the importers that
// get the stub (all, by default).
export function stubModule(name, id, source, stubbedFor = () => true) {
  const stub = `\0${name}`
  return {
    name,
    resolveId: (imported, importer) => (imported === id && stubbedFor(importer) ? stub : null),
    load: (loaded) => (loaded === stub ? source : null)
  }
}
