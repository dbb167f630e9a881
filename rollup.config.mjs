import { builtinModules } from 'node:module'
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { builtinsWithoutEsm } from './build/builtins-without-esm.mjs'
import { defaultChainApart } from './build/default-chain-apart.mjs'
import { noDefaultCredentialChain } from './build/no-default-credential-chain.mjs'
import { noLambdaInvokeStore } from './build/no-lambda-invoke-store.mjs'
import { thirdPartyLicenses } from './build/third-party-licenses.mjs'

// Warnings that come from dependencies' own code and say nothing about ours.
const quietFromDependencies = (warning, warn) => {
  const inDependency = (warning.ids ?? [warning.id ?? '']).some((id) =>
    id?.includes('node_modules')
  )
  if (inDependency && ['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY'].includes(warning.code)) return
  warn(warning)
}

// @actions/core imports its OIDC client (and through it undici) and @actions/exec at load time.
// keyless-aws calls neither (it requests the token itself), so these modules may be dropped when
// nothing uses them; rollup cannot prove on its own that loading them has no effect. Its job
// summary writer, which loads node:fs/promises as it loads, goes with the lazily loaded code that
// writes a summary instead of into the entry, ahead of the token request.
const UNUSED_WHEN_UNREFERENCED =
  /node_modules\/(undici|tunnel|@actions\/(http-client|exec|io)\/|@actions\/core\/lib\/summary\.js$)/
// Node's builtins are imported for what they export, never for an effect of loading them: an
// import nothing uses is dropped, rather than kept and hoisted into the entry, where it would
// load node:crypto (and more) before the token request even when only an unused module wanted it.
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
const treeshake = {
  moduleSideEffects: (id, external) =>
    !(external && BUILTINS.has(id)) && !UNUSED_WHEN_UNREFERENCED.test(id)
}

// One file of licences and notices for the packages all three builds bundle.
const licenses = thirdPartyLicenses('dist/licenses.txt')

const plugins = (...first) => [
  ...first,
  noDefaultCredentialChain(),
  noLambdaInvokeStore(),
  typescript({ noEmit: false, outDir: 'dist', include: ['src/**/*.ts'], sourceMap: false }),
  nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
  commonjs(),
  json(),
  terser({ format: { comments: false }, compress: { passes: 2 } }),
  builtinsWithoutEsm(),
  ...licenses()
]

// A chunk is named after its module in src/ with the stage folder (`token-github`,
// `publish-profiles`), since several stages have an index.ts or a file of the same name. A chunk
// shared by several modules has no facade; rollup names it after one of them, found by its stem.
const SRC_MODULE = /[/\\]src[/\\](.+)\.ts$/
const chunkName = ({ facadeModuleId, moduleIds, name }) => {
  const stemOf = (id) => SRC_MODULE.exec(id ?? '')?.[1].replace(/\\/g, '/')
  const named = [facadeModuleId, ...moduleIds]
    .map(stemOf)
    .find((stem) => stem !== undefined && (stem === name || stem.endsWith(`/${name}`)))
  const stem = named ? named.replace(/\/index$/, '').replace(/\//g, '-') : name
  return `chunks/${stem}-[hash].js`
}

const output = {
  dir: 'dist',
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: chunkName,
  generatedCode: 'es2015'
}

// Five builds, so the post entry shares no chunk with main and never loads the AWS SDK, the
// check-trust command (with its YAML reader) is never part of what the action loads, and the
// SDK's default credential chain loads only when role chaining asks for it.
export default [
  {
    input: { main: 'src/main.ts' },
    output,
    plugins: plugins(defaultChainApart()),
    treeshake,
    onwarn: quietFromDependencies
  },
  {
    input: { post: 'src/post.ts' },
    output: { ...output, inlineDynamicImports: true },
    plugins: plugins(),
    treeshake,
    onwarn: quietFromDependencies
  },
  // One file of its own: sharing main's chunks would split them into many more, which main would
  // then load one by one on every run.
  {
    input: { 'credential-process': 'src/credential-process.ts' },
    output: { ...output, inlineDynamicImports: true },
    plugins: plugins(),
    treeshake,
    onwarn: quietFromDependencies
  },
  // The default credential chain, for role chaining only: one file, which main's role-chaining
  // chunk imports (see build/default-chain-apart.mjs).
  {
    input: { 'default-chain': 'src/exchanges/default-chain.ts' },
    output: { ...output, inlineDynamicImports: true },
    plugins: plugins(),
    treeshake,
    onwarn: quietFromDependencies
  },
  // The trust-policy check, run as a command (`npx keyless-aws check-trust`): one file, no chunks.
  {
    input: { 'check-trust': 'src/check-trust.ts' },
    output: { ...output, inlineDynamicImports: true, banner: '#!/usr/bin/env node' },
    plugins: plugins(),
    treeshake,
    onwarn: quietFromDependencies
  }
]
