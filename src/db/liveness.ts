// Whether a process is still the one that took a lock, by what the kernel says: the pid exists,
// is not a zombie, and started at the same clock tick of the same boot (pids are reused).
import fs from 'node:fs';
import os from 'node:os';

export interface Holder {
  pid: number;
  /** /proc/<pid>/stat field 22 (clock ticks after boot); null where /proc is missing. */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id; null where /proc is missing. */
  boot: string | null;
  host: string;
}

export function thisProcess(): Holder {
  return {
    pid: process.pid,
    start: procStat(process.pid)?.start ?? null,
    boot: bootId(),
    host: os.hostname(),
  };
}

export function sameHolder(a: Holder, b: Holder): boolean {
  return a.pid === b.pid && a.start === b.start && a.boot === b.boot && a.host === b.host;
}

/**
 * A holder on another host cannot be checked from here: it counts as alive (the operator removes
 * its lock file once that host is stopped). A holder from an earlier boot is dead.
 */
export function holderIsAlive(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  const stat = procStat(holder.pid);
  if (stat)
    return stat.state !== 'Z' && stat.state !== 'X' && (holder.start === null || stat.start === holder.start);
  if (fs.existsSync('/proc/self/stat')) return false;
  return signalZeroSaysAlive(holder.pid);
}

function procStat(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
  const after = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // after[0] is field 3 (state); field 22 is after[19].
  return { state: after[0] ?? '', start: after[19] ?? '' };
}

function bootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Without /proc (macOS): signal 0 tells whether the pid exists; a reused pid reads as alive. */
function signalZeroSaysAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
