import { readFileSync } from 'node:fs'

// The load average counts the bench's own processes (the emulator, the run being timed), so it
// reads about 1 on an idle machine. What spoils a measurement is other work: the machine's busy
// CPU time less the bench's own and its children's, from /proc (Linux, where CI and the bench
// run; elsewhere it is not measured).

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100

function machineBusyTicks(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number)
  return user + nice + system + irq + softirq + (steal || 0)
}

function ownTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  // After the command name in parentheses: state is field 3, utime..cstime fields 14..17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return fields.slice(11, 15).reduce((sum, n) => sum + Number(n), 0)
}

export interface OtherWork {
  /** Cores' worth of CPU that other processes used while the bench ran; undefined off Linux. */
  stop(): number | undefined
}

/** Starts counting the CPU other processes use; call stop() after the last run has been waited for. */
export function watchOtherWork(): OtherWork {
  let start: { busy: number; own: number; at: number } | undefined
  try {
    start = { busy: machineBusyTicks(), own: ownTicks(), at: performance.now() }
  } catch {
    start = undefined
  }
  return {
    stop: () => {
      if (!start) return undefined
      const busy = machineBusyTicks() - start.busy
      const own = ownTicks() - start.own
      const seconds = (performance.now() - start.at) / 1000
      return Math.max(0, (busy - own) / TICKS_PER_S / seconds)
    }
  }
}
