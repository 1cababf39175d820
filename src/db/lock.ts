// PGlite has no lock between processes: two processes writing one folder corrupt it silently.
// The lock file names its holder by what the kernel vouches for: pid, the process's start time
// (/proc/<pid>/stat field 22) and the boot id. A live holder, even stopped for hours, keeps the
// lock; a dead one's lock is taken over at once. No timestamps, no refresh to miss.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Holder, holderIsAlive, sameHolder, thisProcess } from './liveness.ts';

const LOCK_FILE = 'passerelle.lock';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dataDir: string, holder: Holder) {
    const where = holder.host === os.hostname() ? '' : ` on host ${holder.host}`;
    super(
      `Another Passerelle process (pid ${holder.pid}${where}) is using the data folder ${dataDir}. ` +
        'Stop it first, or point several processes at PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

export class DataDirLockLostError extends Error {
  readonly code = 'DATA_DIR_LOCK_LOST';
  constructor(dataDir: string, detail: string) {
    super(
      `The lock on the data folder ${dataDir} is no longer this process's (${detail}): ` +
        'stopping before writing anything more. Check that only one Passerelle process uses this folder.',
    );
    this.name = 'DataDirLockLostError';
  }
}

export interface DataDirLock {
  /** Throws DataDirLockLostError unless the lock file still names this process. */
  assertHeld(): void;
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await fs.promises.mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const me = thisProcess();
  // The nonce tells this lock from another one the same process took (tests, a reopened folder).
  const mine = `${JSON.stringify({ ...me, nonce: randomBytes(8).toString('hex') })}\n`;
  // The record is complete on disk before it appears under the lock's name: link() is atomic and
  // fails if the name exists, so two starters can never both win.
  const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, mine, { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      if (tryLink(draft, lockPath)) return heldLock(dataDir, lockPath, mine);
      const current = readHolder(lockPath);
      if (current === 'missing') continue;
      if (current !== 'unreadable' && holderIsAlive(current)) throw new DataDirLockedError(dataDir, current);
      removeDeadLock(lockPath, current);
    }
    throw new Error(`Could not take the lock on ${dataDir}: it kept changing hands. Try again.`);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function heldLock(dataDir: string, lockPath: string, mine: string): DataDirLock {
  let released = false;
  const assertHeld = () => {
    if (released) throw new DataDirLockLostError(dataDir, 'already released');
    let content: string;
    try {
      content = fs.readFileSync(lockPath, 'utf8');
    } catch {
      throw new DataDirLockLostError(dataDir, `${lockPath} is gone`);
    }
    if (content !== mine) throw new DataDirLockLostError(dataDir, `${lockPath} names another process`);
  };
  return {
    assertHeld,
    release: async () => {
      if (released) return;
      try {
        assertHeld();
        fs.rmSync(lockPath, { force: true });
      } catch {
        // Not ours any more: leave the other holder's lock alone.
      }
      released = true;
    },
  };
}

function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function readHolder(lockPath: string): Holder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    // The directory the former lock library made: its holder was judged by timestamps only.
    if (code === 'EISDIR') return 'unreadable';
    throw err;
  }
  try {
    const h = JSON.parse(text) as Holder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : 'unreadable';
  } catch {
    // Written by an older version (proper-lockfile's directory) or damaged: nobody vouches for it.
    return 'unreadable';
  }
}

/**
 * Moves the dead holder's file aside (rename is atomic: one remover gets it). If what moved was a
 * fresh lock another starter linked meanwhile, it is put back, and the loop then finds it alive.
 */
function removeDeadLock(lockPath: string, dead: Holder | 'unreadable'): void {
  const aside = `${lockPath}.dead.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (!isSameRecord(moved, dead)) tryLink(aside, lockPath);
  fs.rmSync(aside, { recursive: true, force: true });
}

function isSameRecord(a: Holder | 'missing' | 'unreadable', b: Holder | 'unreadable'): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return sameHolder(a, b);
}
