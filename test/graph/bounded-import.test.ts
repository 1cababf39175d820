// An archive's lists are stored in bounded chunks (shown here with a tiny chunk size: the same
// code path a list of millions takes, a chunk at a time), and a list past the bound is refused
// whole before anything is written.
import { expect, it } from 'vitest';
import { IdListBuilder } from '../../src/archive/id-list.ts';
import type { Database } from '../../src/db/index.ts';
import {
  type ArchiveGraph,
  ArchiveTooLargeError,
  type IdBatches,
  importArchiveForOwner,
  importArchiveForUser,
  MAX_IDS_PER_LIST,
} from '../../src/graph/ingest.ts';
import { describeEachDatabase } from '../support/databases.ts';

/** Every kind of id: lengths 1 to 20, leading zeros, beyond 2^53 and 2^64, duplicates. */
function mixedIds(n: number, salt: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = BigInt(i * 7919 + salt) ** 3n;
    if (i % 17 === 0) ids.push(`0${i}`);
    else if (i % 23 === 0) ids.push(`${18446744073709551616n + v}`);
    else ids.push(String(v).slice(0, 1 + (i % 20)));
  }
  return ids;
}

function packed(list: string[]): IdBatches {
  const builder = new IdListBuilder();
  for (const id of list) builder.add(id);
  return builder.build();
}

const archive = (owner: string, following: IdBatches, followers: IdBatches): ArchiveGraph => ({
  owner: { accountId: owner, username: `u${owner}`, displayName: 'U' },
  following,
  followers,
  warnings: [],
  layout: 'expanded',
  source: 'zip',
});

async function stored(db: Database, userId: number, direction: number): Promise<string[]> {
  const rows = await db.query<{ x_id: string }>(
    'SELECT x_id FROM x_edges WHERE user_id = $1 AND direction = $2 ORDER BY x_id COLLATE "C"',
    [userId, direction],
  );
  return rows.map((r) => r.x_id);
}

/** A list that says how many ids it has and holds none: refused before any is asked for. */
const claimed = (size: number): IdBatches => ({
  size,
  batches: () => {
    throw new Error('a refused list is never read');
  },
});

describeEachDatabase('bounded archive storage', (db) => {
  it('stores both lists chunk by chunk, exactly, in the order and with the chunk size asked', async () => {
    const following = mixedIds(300, 1);
    const followers = mixedIds(500, 2);
    const progress: number[] = [];
    const { userId } = await importArchiveForOwner(
      db(),
      archive('7700', packed(following), packed(followers)),
      { chunkRows: 7, onProgress: (done) => progress.push(done) },
    );
    const unique = (l: string[]) => [...new Set(l)].sort();
    expect(await stored(db(), userId, 1)).toEqual(unique(following));
    expect(await stored(db(), userId, 2)).toEqual(unique(followers));
    const steps = progress.map((done, i) => done - (progress[i - 1] ?? 0));
    expect(Math.max(...steps)).toBe(7);
    expect(progress.length).toBe(
      Math.ceil(unique(following).length / 7) + Math.ceil(unique(followers).length / 7),
    );
    // The web path (strings, not a packed list) takes the same chunks.
    const strings = (l: string[]): IdBatches => ({
      size: l.length,
      *batches(n: number) {
        for (let i = 0; i < l.length; i += n) yield l.slice(i, i + n);
      },
    });
    const again = await importArchiveForUser(
      db(),
      userId,
      archive('7700', strings(unique(followers)), strings([])),
      {
        chunkRows: 5,
      },
    );
    expect(again.following).toBe(unique(followers).length);
    expect(await stored(db(), userId, 1)).toEqual(unique(followers));
    expect(await stored(db(), userId, 2)).toEqual([]);
  });

  it(`refuses a list past ${MAX_IDS_PER_LIST.toLocaleString('en')} ids (or the bound given) whole, writing nothing`, async () => {
    const attempt = importArchiveForOwner(db(), archive('7701', claimed(0), claimed(MAX_IDS_PER_LIST + 1)));
    await expect(attempt).rejects.toBeInstanceOf(ArchiveTooLargeError);
    await expect(attempt).rejects.toThrow(/50000001 followers, over the 50000000 a list may hold here/);
    const [user] = await db().query<{ id: string }>(`INSERT INTO users DEFAULT VALUES RETURNING id`);
    const userId = Number(user?.id);
    await expect(
      importArchiveForUser(db(), userId, archive('7702', claimed(11), claimed(0)), { maxIdsPerList: 10 }),
    ).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE', list: 'following', count: 11, limit: 10 });
    expect(await db().query(`SELECT 1 FROM users WHERE x_account_id IN ('7701', '7702')`)).toEqual([]);
    expect(await db().query('SELECT 1 FROM archive_import_jobs WHERE user_id = $1', [userId])).toEqual([]);
  });
});
