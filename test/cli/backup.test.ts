// passerelle backup while serve takes writes, and restore into an empty folder: the restored
// database has every write acknowledged before the backup began, each user whole.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.ts';
import { type AcknowledgedUser, expectAcknowledged, personWrites } from '../support/acknowledged-writes.ts';
import { freePort, startServeProcess } from '../support/serve-process.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');

async function passerelle(args: string[], env: Record<string, string>) {
  try {
    const { stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      timeout: 600_000,
    });
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

async function edgesPerUser(dataDir: string): Promise<Map<number, number>> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const rows = await db.query<{ id: number; edges: number }>(
      'SELECT u.id, (SELECT count(*) FROM x_edges e WHERE e.user_id = u.id)::int AS edges FROM users u',
    );
    return new Map(rows.map((r) => [r.id, r.edges]));
  } finally {
    await db.close();
  }
}

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-backup-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('passerelle backup / restore', () => {
  it('backs up a running serve during writes; restore brings back the same users, edges and tasks', async () => {
    const dataDir = path.join(root, 'live');
    const serve = await startServeProcess(
      await freePort(),
      { DATA_DIR: dataDir, UI_DIR: '/nonexistent', TRUST_PROXY: '1' },
      240_000,
      ['--no-worker'],
    );
    const acked = new Map<number, AcknowledgedUser>();
    const ack = (u: AcknowledgedUser) => acked.set(u.userId, { ...u });
    await personWrites(serve.url, ack);
    let writing = true;
    const writer = (async () => {
      while (writing) await personWrites(serve.url, ack, { edges: 200 });
    })();
    const beforeBackup = [...acked.values()].map((u) => ({ ...u }));
    const file = path.join(root, 'live.tar.gz');
    const out = await passerelle(['backup', file], { DATA_DIR: dataDir });
    writing = false;
    await writer;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('from the running Passerelle process');
    expect(out.stderr).toContain('vault-keys');
    expect(await serve.stop()).toBe(0);

    const restored = path.join(root, 'restored');
    const back = await passerelle(['restore', file], { DATA_DIR: restored });
    expect(back.code, back.stderr).toBe(0);
    const db = await openDatabase({ kind: 'pglite', dataDir: restored });
    try {
      await expectAcknowledged(
        db,
        beforeBackup.filter((u) => u.edges > 0),
      );
      const [tasks] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM follow_tasks');
      expect(tasks?.n).toBe(0);
    } finally {
      await db.close();
    }
    // Each restored user is whole: the edges of an import are all there or none (a later import).
    const live = await edgesPerUser(dataDir);
    for (const [id, edges] of await edgesPerUser(restored)) expect([0, live.get(id)]).toContain(edges);
  }, 900_000);

  it('refuses to restore into a folder that is not empty, or to overwrite a file', async () => {
    const full = path.join(root, 'full');
    await fs.mkdir(full, { recursive: true });
    await fs.writeFile(path.join(full, 'something'), 'x');
    const file = path.join(root, 'some.tar.gz');
    await fs.writeFile(file, 'not a backup');
    const into = await passerelle(['restore', file], { DATA_DIR: full });
    expect(into.code).toBe(2);
    expect(into.stderr).toContain('is not empty');
    const over = await passerelle(['backup', file], { DATA_DIR: full });
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('already exists');
  }, 120_000);

  it('refuses a file that is not a backup, leaving the folder empty', async () => {
    const file = path.join(root, 'junk.tar.gz');
    await fs.writeFile(file, 'not a backup');
    const target = path.join(root, 'junk-target');
    const out = await passerelle(['restore', file], { DATA_DIR: target });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('not a backup');
    await expect(fs.readdir(path.join(target, 'pglite'))).rejects.toThrow();
  }, 300_000);

  it('points to pg_dump on PostgreSQL', async () => {
    const out = await passerelle(['backup', path.join(root, 'pg.dump')], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('pg_dump');
  });
});
