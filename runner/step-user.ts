import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24 } from './node24.js'

/** Another user for a step: the tests run as root, whom no file mode stops. */
export interface StepUser {
  readonly uid: number
  readonly gid: number
}

/** The unprivileged user Linux systems have. */
export const NOBODY: StepUser = { uid: 65534, gid: 65534 }

/**
 * Makes what a step needs reachable by `user`, as on a runner whose job user is not root: the
 * job's directory passable, the step's own files (file commands, traces) its own, and the action
 * (dist/ and the runner's preloads) and Node 24 copied where it can read them, since the checkout
 * and npm's cache may lie under a home closed to others. Returns where to run them from.
 */
export function reachableBy(
  user: StepUser,
  root: string,
  jobDir: string,
  stepFiles: readonly string[]
): { readonly root: string; readonly node: string } {
  chmodSync(jobDir, 0o711)
  for (const file of stepFiles) chownSync(file, user.uid, user.gid)
  const copy = join(jobDir, 'action')
  if (!existsSync(copy)) {
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true })
    for (const preload of ['file-command-trace.mjs', 'write-injector.mjs'])
      cpSync(join(root, 'runner', preload), join(copy, 'runner', preload))
  }
  return { root: copy, node: sharedNode24() }
}

// Linked when npm's cache is on the same file system, copied (once) when not.
function sharedNode24(): string {
  const dir = join(tmpdir(), `keyless-aws-node24-${process.getuid?.() ?? 0}`)
  const node = join(dir, 'node')
  if (existsSync(node)) return node
  mkdirSync(dir, { recursive: true, mode: 0o755 })
  try {
    linkSync(node24(), node)
  } catch {
    copyFileSync(node24(), node)
  }
  chmodSync(node, 0o755)
  return node
}
