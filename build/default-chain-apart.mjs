// Role chaining imports the SDK's default chain from src/exchanges/default-chain.ts, which the
// build makes a file of its own. In main's build that import stays an import of that file, so
// main's chunks (and the STS path) carry none of the chain nor the SDK code it shares.
const CHAIN = /[/\\]src[/\\]exchanges[/\\]default-chain\.(?:ts|js)$/

export const defaultChainApart = () => ({
  name: 'default-chain-apart',
  async resolveId(imported, importer, options) {
    if (!imported.endsWith('default-chain.js') || !importer) return null
    const resolved = await this.resolve(imported, importer, { ...options, skipSelf: true })
    if (!resolved || !CHAIN.test(resolved.id)) return null
    // Kept as written: main's chunks live in dist/chunks/, next to which the build puts the file.
    return { id: '../default-chain.js', external: 'absolute' }
  }
})
