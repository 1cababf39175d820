import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import {
  type ArchiveGraph,
  ArchiveOwnerMismatchError,
  type IdBatches,
  INSERT_BATCH,
  importArchiveForOwner,
  importArchiveForUser,
} from '../../src/graph/ingest.ts';
import { describeEachDatabase } from '../support/databases.ts';

function ids(list: string[]): IdBatches {
  return {
    size: list.length,
    *batches(n: number) {
      for (let i = 0; i < list.length; i += n) yield list.slice(i, i + n);
    },
  };
}

function archive(owner: string, following: string[], followers: string[]): ArchiveGraph {
  return {
    owner: { accountId: owner, username: `user${owner.slice(-4)}`, displayName: `User ${owner}` },
    following: ids(following),
    followers: ids(followers),
    warnings: [],
    layout: 'expanded',
    source: 'zip',
  };
}

const range = (n: number, base = 1_000_000_000_000_000_000n) =>
  Array.from({ length: n }, (_, i) => (base + BigInt(i) * 7919n).toString());

async function edges(db: Database, userId: number, direction: number): Promise<string[]> {
  const rows = await db.query<{ x_id: string }>(
    `SELECT x_id FROM x_edges WHERE user_id = $1 AND direction = $2 ORDER BY x_id`,
    [userId, direction],
  );
  return rows.map((r) => r.x_id);
}

describeEachDatabase('archive ingest', (db) => {
  it('stores the owner, both lists and an import record', async () => {
    const summary = await importArchiveForOwner(db(), archive('2001', ['11', '12', '13'], ['21', '22']));
    expect(summary).toMatchObject({ xAccountId: '2001', following: 3, followers: 2 });
    expect(await edges(db(), summary.userId, 1)).toEqual(['11', '12', '13']);
    expect(await edges(db(), summary.userId, 2)).toEqual(['21', '22']);
    const [account] = await db().query(`SELECT id, username, display_name FROM x_accounts WHERE id = '2001'`);
    expect(account).toEqual({ id: '2001', username: 'user2001', display_name: 'User 2001' });
    const imports = await db().query(
      `SELECT x_account_id, following_count, follower_count, source_kind, layout FROM archive_imports WHERE user_id = $1`,
      [summary.userId],
    );
    expect(imports).toEqual([
      { x_account_id: '2001', following_count: 3, follower_count: 2, source_kind: 'zip', layout: 'expanded' },
    ]);
  });

  it('keeps 19- and 20-digit IDs exactly (beyond 2^53)', async () => {
    const big = ['9007199254740993', '1234567890123456789', '18446744073709551615', '99999999999999999999'];
    const summary = await importArchiveForOwner(db(), archive('1234567890123456780', big, []));
    expect(await edges(db(), summary.userId, 1)).toEqual([...big].sort());
    const [user] = await db().query(`SELECT x_account_id FROM users WHERE id = $1`, [summary.userId]);
    expect(user).toEqual({ x_account_id: '1234567890123456780' });
  });

  it('replaces the previous lists on re-import, under the same user, without duplicates', async () => {
    const first = await importArchiveForOwner(db(), archive('2002', ['1', '2', '3'], ['4']));
    const second = await importArchiveForOwner(db(), archive('2002', ['2', '3', '5'], []));
    expect(second.userId).toBe(first.userId);
    expect(await edges(db(), first.userId, 1)).toEqual(['2', '3', '5']);
    expect(await edges(db(), first.userId, 2)).toEqual([]);
    const [count] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM archive_imports WHERE user_id = $1`,
      [first.userId],
    );
    expect(count?.n).toBe(2);
  });

  it('inserts lists larger than one batch', async () => {
    const following = range(INSERT_BATCH * 2 + 17);
    const summary = await importArchiveForOwner(db(), archive('2003', following, range(5, 5n)));
    const [row] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1 AND direction = 1`,
      [summary.userId],
    );
    expect(row?.n).toBe(following.length);
  });

  it('leaves the previous import intact when a re-import fails half way', async () => {
    const first = await importArchiveForOwner(db(), archive('2004', ['1', '2'], ['3']));
    const failing = archive('2004', [], []);
    failing.following = {
      size: INSERT_BATCH * 2,
      *batches(n: number) {
        yield range(n);
        throw new Error('disk unplugged');
      },
    };
    await expect(importArchiveForUser(db(), first.userId, failing)).rejects.toThrow('disk unplugged');
    expect(await edges(db(), first.userId, 1)).toEqual(['1', '2']);
    expect(await edges(db(), first.userId, 2)).toEqual(['3']);
    const [count] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM archive_imports WHERE user_id = $1`,
      [first.userId],
    );
    expect(count?.n).toBe(1);
  });

  it('refuses an archive of another X account for a user already tied to one, writing nothing', async () => {
    const mine = await importArchiveForOwner(db(), archive('2005', ['1'], []));
    await expect(
      importArchiveForUser(db(), mine.userId, archive('2006', ['7', '8'], ['9'])),
    ).rejects.toBeInstanceOf(ArchiveOwnerMismatchError);
    expect(await edges(db(), mine.userId, 1)).toEqual(['1']);
    expect(await db().query(`SELECT 1 FROM x_accounts WHERE id = '2006'`)).toHaveLength(0);
  });

  it('serialises concurrent imports for one user: one complete list, never a mix', async () => {
    const { userId } = await importArchiveForOwner(db(), archive('2007', [], []));
    const a = range(3000, 100n);
    const b = range(3000, 900_000n);
    await Promise.all([
      importArchiveForUser(db(), userId, archive('2007', a, [])),
      importArchiveForUser(db(), userId, archive('2007', b, [])),
    ]);
    const stored = await edges(db(), userId, 1);
    expect([[...a].sort(), [...b].sort()]).toContainEqual(stored);
  });

  it('finds edges from the target side (who followed this X id)', async () => {
    const u1 = await importArchiveForOwner(db(), archive('3001', ['777'], []));
    const u2 = await importArchiveForOwner(db(), archive('3002', ['777', '778'], ['777']));
    const rows = await db().query<{ user_id: string; direction: number }>(
      `SELECT user_id, direction FROM x_edges WHERE x_id = '777' ORDER BY user_id, direction`,
    );
    expect(rows.map((r) => [Number(r.user_id), r.direction])).toEqual([
      [u1.userId, 1],
      [u2.userId, 1],
      [u2.userId, 2],
    ]);
  });
});

describeEachDatabase('archive ingest input guard', (db) => {
  it('refuses an ID that is not 1–20 digits and writes nothing', async () => {
    await expect(importArchiveForOwner(db(), archive('4001', ['12', '3\t4\n5'], []))).rejects.toThrow(
      /Not an X account id/,
    );
    expect(await db().query(`SELECT 1 FROM x_edges WHERE x_id IN ('12', '3')`)).toHaveLength(0);
    expect(await db().query(`SELECT 1 FROM archive_imports WHERE x_account_id = '4001'`)).toHaveLength(0);
    expect(await db().query(`SELECT 1 FROM users WHERE x_account_id = '4001'`)).toHaveLength(0);
  });
});

describeEachDatabase('archive ingest hook', (db) => {
  it('runs afterImport inside the import transaction: its failure undoes the import', async () => {
    const seen: number[] = [];
    const ok = await importArchiveForOwner(db(), archive('5001', ['1'], []), {
      afterImport: async (tx, summary) => {
        const rows = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1',
          [summary.userId],
        );
        seen.push(rows[0]?.n ?? -1);
      },
    });
    expect(seen).toEqual([1]);
    await expect(
      importArchiveForUser(db(), ok.userId, archive('5001', ['2', '3'], []), {
        afterImport: async () => {
          throw new Error('fan-out failed');
        },
      }),
    ).rejects.toThrow('fan-out failed');
    expect(await edges(db(), ok.userId, 1)).toEqual(['1']);
  });
});
