// The passerelle command as a person runs it: a real process, real files, real databases.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/gen/archive.ts';
import { openDatabase } from '../../src/db/index.ts';
import { createScratchPostgres, testDatabaseKinds } from '../support/databases.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function passerelle(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('passerelle archive inspect', { timeout: 60_000 }, () => {
  it('--json prints exactly one JSON object with the owner and counts', async () => {
    const archive = await generateArchive(path.join(dir, 'a.zip'), {
      seed: 3,
      following: 120,
      followers: 450,
      blocks: 7,
      mutes: 3,
    });
    const out = await passerelle(['archive', 'inspect', '--json', ...archive.paths]);
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(out.stdout);
    expect(Object.keys(summary)).toEqual([
      'accountId',
      'username',
      'displayName',
      'following',
      'followers',
      'blocking',
      'muting',
      'warnings',
    ]);
    expect(summary).toMatchObject({
      accountId: archive.owner.accountId,
      username: archive.owner.username,
      displayName: archive.owner.displayName,
      following: 120,
      followers: 450,
      blocking: 7,
      muting: 3,
      warnings: [],
    });
    expect(typeof summary.accountId).toBe('string');
  });

  it('reads an extracted folder and prints a readable summary', async () => {
    const archive = await generateArchive(path.join(dir, 'folder'), {
      shape: 'folder',
      following: 5,
      followers: 7,
    });
    const out = await passerelle(['archive', 'inspect', ...archive.paths]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`@${archive.owner.username}`);
    expect(out.stdout).toMatch(/Following: 5\b/);
    expect(out.stdout).toMatch(/Followers: 7\b/);
  });

  it('reports a manifest count mismatch as a warning', async () => {
    const archive = await generateArchive(path.join(dir, 'w.zip'), {
      following: 4,
      followers: 6,
      manifestCounts: { 'follower.js': 9 },
    });
    const summary = JSON.parse((await passerelle(['archive', 'inspect', '--json', ...archive.paths])).stdout);
    expect(summary.warnings.length).toBeGreaterThan(0);
    expect(summary.warnings[0].message).toMatch(/follower/);
  });

  it('exits 2 with a message on stderr for a file that is not an archive', async () => {
    const bogus = path.join(dir, 'holiday.jpg');
    await fs.writeFile(bogus, 'definitely not a zip');
    const out = await passerelle(['archive', 'inspect', '--json', bogus]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/passerelle: .*zip/i);
  });

  it('exits 2 and names the missing file when following.js is absent', async () => {
    const archive = await generateArchive(path.join(dir, 'nofollowing.zip'), {
      overrides: { 'data/following.js': null },
    });
    const out = await passerelle(['archive', 'inspect', ...archive.paths]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('following.js');
  });

  it('exits 2 on unknown options, with the usage', async () => {
    const out = await passerelle(['archive', 'inspect', '--bogus', 'x']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown option/);
  });
});

// Each import starts a process that opens (and on first use migrates) a database: slow on a busy machine.
describe('passerelle archive import', { timeout: 180_000 }, () => {
  for (const kind of testDatabaseKinds()) {
    describe(`[${kind}]`, () => {
      let env: Record<string, string>;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (kind === 'postgres') {
          const scratch = await createScratchPostgres();
          env = { DATABASE_URL: scratch.url };
          drop = scratch.drop;
        } else {
          env = { DATA_DIR: await fs.mkdtemp(path.join(dir, 'data-')) };
        }
      });
      afterAll(async () => drop?.());

      const openDb = () =>
        openDatabase(
          env.DATABASE_URL
            ? { kind: 'postgres', url: env.DATABASE_URL }
            : { kind: 'pglite', dataDir: env.DATA_DIR ?? '' },
        );

      it('stores the owner and both lists, with plain progress lines off a terminal', async () => {
        const archive = await generateArchive(path.join(dir, `imp-${kind}.zip`), {
          seed: 11,
          following: 300,
          followers: 2000,
        });
        const out = await passerelle(['archive', 'import', ...archive.paths], env);
        expect(out.code).toBe(0);
        expect(out.stdout).toMatch(/300 following, 2000 followers/);
        expect(out.stderr).toMatch(/Storing: 100%/);
        const db = await openDb();
        try {
          const rows = await db.query<{ direction: number; n: number }>(
            `SELECT direction, count(*)::int AS n FROM x_edges GROUP BY direction ORDER BY direction`,
          );
          expect(rows).toEqual([
            { direction: 1, n: 300 },
            { direction: 2, n: 2000 },
          ]);
          const [user] = await db.query<{ x_account_id: string }>(`SELECT x_account_id FROM users`);
          expect(user?.x_account_id).toBe(archive.owner.accountId);
        } finally {
          await db.close();
        }
      });

      it('writes nothing for a bad archive and exits 2', async () => {
        const archive = await generateArchive(path.join(dir, `bad-${kind}.zip`), {
          seed: 12,
          overrides: {
            'data/follower.js': 'window.YTD.follower.part0 = [ { "follower" : { "accountId" : "12ab" } } ]',
          },
        });
        const out = await passerelle(['archive', 'import', ...archive.paths], env);
        expect(out.code).toBe(2);
        expect(out.stderr).toMatch(/12ab/);
        const db = await openDb();
        try {
          const rows = await db.query(`SELECT 1 FROM x_accounts WHERE id = $1`, [archive.owner.accountId]);
          expect(rows).toHaveLength(0);
        } finally {
          await db.close();
        }
      });
    });
  }
});
