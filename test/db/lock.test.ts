// The embedded database's lock, tried with real processes as an operator's worst day would go:
// a stopped holder keeps it, a killed holder's lock is taken over at once, and a process whose
// lock was taken stops before answering again.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.ts';
import { DataDirLockedError, DataDirLockLostError, lockDataDir } from '../../src/db/lock.ts';
import { remoteBrowser } from '../support/remote-browser.ts';
import { freePort, type ServeProcess, startServeProcess } from '../support/serve-process.ts';

let root: string;
const running: ServeProcess[] = [];
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-lock-'));
});
afterAll(async () => {
  for (const p of running) {
    p.kill('SIGCONT');
    p.kill('SIGKILL');
    await p.exited;
  }
  await fs.rm(root, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<ServeProcess> {
  const p = await startServeProcess(
    await freePort(),
    { DATA_DIR: dataDir, UI_DIR: '/nonexistent' },
    180_000,
    ['--no-worker'],
  );
  running.push(p);
  return p;
}

/** Starts a user and records one consent change: an acknowledged write. */
async function acknowledgedWrite(url: string): Promise<number> {
  const browser = remoteBrowser(url);
  const userId = await browser.signIn();
  const res = await browser.request('PUT', '/api/consents', { body: { discoverable: true } });
  expect(res.status).toBe(200);
  return userId;
}

async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries
    .filter((x) => x.isFile())
    .sort((a, b) => a.parentPath.localeCompare(b.parentPath) || a.name.localeCompare(b.name))) {
    const file = path.join(e.parentPath, e.name);
    hash.update(file).update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

async function userIds(dataDir: string): Promise<number[]> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return (await db.query<{ id: number }>('SELECT id FROM users ORDER BY id')).map((r) => r.id);
  } finally {
    await db.close();
  }
}

describe('embedded database lock', () => {
  it('a stopped holder keeps its lock: a second serve refuses and writes nothing', async () => {
    const dataDir = path.join(root, 'stopped');
    const first = await serve(dataDir);
    const written = await acknowledgedWrite(first.url);
    first.kill('SIGSTOP');
    try {
      const before = await folderDigest(path.join(dataDir, 'pglite'));
      const second = serve(dataDir);
      await expect(second).rejects.toThrow(new RegExp(`pid ${first.pid}\\b`));
      expect(await folderDigest(path.join(dataDir, 'pglite'))).toBe(before);
    } finally {
      first.kill('SIGCONT');
    }
    // Still the holder, still answering and writing.
    const after = await acknowledgedWrite(first.url);
    expect(await first.stop()).toBe(0);
    expect(await userIds(dataDir)).toEqual([written, after]);
  }, 400_000);

  it("a killed holder's lock is taken over at once, with its acknowledged writes", async () => {
    const dataDir = path.join(root, 'killed');
    const first = await serve(dataDir);
    const written = await acknowledgedWrite(first.url);
    first.kill('SIGKILL');
    await first.exited;
    const next = await serve(dataDir);
    const again = await acknowledgedWrite(next.url);
    expect(await next.stop()).toBe(0);
    expect(await userIds(dataDir)).toEqual([written, again]);
  }, 400_000);

  it('a process whose lock names another holder exits before answering again', async () => {
    const dataDir = path.join(root, 'lost');
    const first = await serve(dataDir);
    await acknowledgedWrite(first.url);
    // Another live process (this test runner) now owns the lock file.
    await fs.rm(path.join(dataDir, 'passerelle.lock'));
    const stolen = await lockDataDir(dataDir);
    try {
      const answer = await fetch(`${first.url}/api/stats`).then(
        (r) => r.status,
        () => 'no answer',
      );
      expect(answer).toBe('no answer');
      expect(await first.exited).not.toBe(0);
      expect(first.log()).toContain('no longer this process');
    } finally {
      await stolen.release();
    }
  }, 400_000);
});

describe('lock file', () => {
  it('refuses a second holder in the same folder and names the holder', async () => {
    const dataDir = path.join(root, 'same');
    const lock = await lockDataDir(dataDir);
    await expect(lockDataDir(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(lockDataDir(dataDir)).rejects.toThrow(`pid ${process.pid}`);
    await lock.release();
    const again = await lockDataDir(dataDir);
    await again.release();
  });

  it('takes over a lock whose holder is dead (a pid that no longer runs, or an earlier boot)', async () => {
    const dataDir = path.join(root, 'dead');
    await fs.mkdir(dataDir, { recursive: true });
    const dead = { pid: 2 ** 22 + 1, start: '1', boot: 'an-earlier-boot', host: os.hostname() };
    await fs.writeFile(path.join(dataDir, 'passerelle.lock'), JSON.stringify(dead));
    const lock = await lockDataDir(dataDir);
    lock.assertHeld();
    await lock.release();
  });

  it('takes over the directory the former lock library left behind', async () => {
    const dataDir = path.join(root, 'former');
    await fs.mkdir(path.join(dataDir, 'passerelle.lock'), { recursive: true });
    const lock = await lockDataDir(dataDir);
    await lock.release();
  });

  it('reports a lock removed under it, and never removes another holder’s lock', async () => {
    const dataDir = path.join(root, 'removed');
    const lock = await lockDataDir(dataDir);
    await fs.rm(path.join(dataDir, 'passerelle.lock'));
    expect(() => lock.assertHeld()).toThrow(DataDirLockLostError);
    const other = await lockDataDir(dataDir);
    await lock.release();
    other.assertHeld();
    await other.release();
  });

  it('lets only one of many simultaneous starters win', async () => {
    const dataDir = path.join(root, 'race');
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dataDir)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of won) await o.value.release();
  });
});
