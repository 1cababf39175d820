// A full disk under the embedded database, on a small tmpfs: an import fails with a message that
// names the folder and the space to free, the command exits, /healthz's probe says the database
// cannot write, and once space is freed the database opens and takes the import.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import { DatabaseDiskFullError } from '../../src/db/disk.ts';
import { writeHealth } from '../../src/db/health.ts';
import { openDatabase } from '../../src/db/index.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');
const canMount = process.getuid?.() === 0 && process.platform === 'linux';

let root: string;
let mountPoint: string;
let mounted = false;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-disk-'));
  mountPoint = path.join(root, 'small');
  await fs.mkdir(mountPoint);
  if (canMount) {
    // Room for the empty database (about 40 MB) and little more.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=60m', 'tmpfs', mountPoint]);
    mounted = true;
  }
});
afterAll(async () => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  await fs.rm(root, { recursive: true, force: true });
});

async function importArchive(dataDir: string, archive: string) {
  try {
    const { stderr } = await run(process.execPath, [BIN, 'archive', 'import', archive], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
      timeout: 600_000,
    });
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number | null; stderr: string; killed?: boolean };
    return { code: e.killed ? 'hung' : e.code, stderr: e.stderr };
  }
}

describe.skipIf(!canMount)('embedded database on a full disk', () => {
  it('fails clearly, exits, reports it on /healthz, and recovers once space is freed', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const before = await openDatabase({ kind: 'pglite', dataDir });
    await before.query(`INSERT INTO x_accounts (id, username) VALUES ('9007199254740993', 'kept')`);
    await before.close();
    const archive = await generateArchive(path.join(root, 'big.zip'), {
      following: 120_000,
      followers: 160_000,
    });

    const failed = await importArchive(dataDir, archive.path);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`The disk holding the data folder ${dataDir} is full`);
    expect(failed.stderr).toMatch(/Free at least \d+ MB/);

    // Starting on the full disk fails as clearly, and returns.
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DatabaseDiskFullError);

    // Some space back, less than the database needs to keep going: it opens, /healthz says no.
    const { blocks, bfree, bsize } = await fs.statfs(mountPoint);
    const usedMb = Math.ceil(((blocks - bfree) * bsize) / 2 ** 20);
    execFileSync('mount', ['-o', `remount,size=${usedMb + 40}m`, mountPoint]);
    const tight = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await writeHealth(tight)).toMatchObject({ ok: false, code: 'DATABASE_DISK_FULL' });
    } finally {
      await tight.close();
    }

    execFileSync('mount', ['-o', 'remount,size=400m', mountPoint]);
    const done = await importArchive(dataDir, archive.path);
    expect(done.code, done.stderr).toBe(0);
    const again = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await writeHealth(again)).toEqual({ ok: true });
      const [kept] = await again.query<{ username: string }>(
        `SELECT username FROM x_accounts WHERE id = '9007199254740993'`,
      );
      expect(kept?.username).toBe('kept');
      const [edges] = await again.query<{ n: number }>('SELECT count(*)::int AS n FROM x_edges');
      expect(edges?.n).toBe(280_000);
    } finally {
      await again.close();
    }
  }, 1_500_000);
});
