import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseConfigFromEnv, redactUrl } from '../../src/db/config.ts';
import { openDatabase } from '../../src/db/index.ts';
import { DataDirLockedError } from '../../src/db/lock.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('database', (db) => {
  it('applies the migrations: every table exists', async () => {
    const rows = await db().query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    const names = rows.map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(['users', 'x_accounts', 'archive_imports', 'x_edges']));
  });

  it('indexes edges both ways (the rows behind the x_edges view)', async () => {
    const rows = await db().query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'x_edge_rows' ORDER BY indexname`,
    );
    const defs = rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/\(user_id, edge_set, direction, x_id\)/);
    expect(defs).toMatch(/\(x_id, direction, user_id, edge_set\)/);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db().transaction(async (tx) => {
        await tx.query(`INSERT INTO x_accounts (id, username) VALUES ('42', 'rollback')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db().query(`SELECT 1 FROM x_accounts WHERE id = '42'`)).toHaveLength(0);
  });
});

describe('PGlite data folder', () => {
  it('persists across restarts and refuses a second process on the same folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-db-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      await first.query(`INSERT INTO x_accounts (id, username) VALUES ('12345678901234567890', 'kept')`);
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      await first.close();
      const again = await openDatabase({ kind: 'pglite', dataDir: dir });
      const rows = await again.query<{ username: string }>(`SELECT username FROM x_accounts`);
      expect(rows).toEqual([{ username: 'kept' }]);
      await again.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('database configuration', () => {
  it('uses PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@h/db',
    });
    expect(databaseConfigFromEnv({ DATA_DIR: '/srv/p' })).toEqual({ kind: 'pglite', dataDir: '/srv/p' });
  });

  it('rejects a DATABASE_URL that is not PostgreSQL, and never prints passwords', () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(redactUrl('postgres://me:secret@host/db')).not.toContain('secret');
  });
});
