import { defineConfig } from 'vitest/config'
import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with the plain "N passed, N failed, N skipped" line that CI reads. */
const plainSummary: Reporter = {
  onTestRunEnd(modules: readonly TestModule[]) {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed' || state === 'failed') counts[state]++
        else counts.skipped++
      }
    }
    process.stdout.write(
      `\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`
    )
  }
}

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // e2e tests spawn the bundled action; two workers suit the 2-core machines this runs on
    maxWorkers: 2,
    testTimeout: 30_000,
    reporters: ['default', plainSummary]
  }
})
