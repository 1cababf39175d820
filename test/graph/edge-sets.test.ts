// An upload whose process died half way changes nothing that readers see, is found stale, and
// its staged rows are cleared; a replaced archive's rows go too.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { clearHiddenEdgeSets, stageEdgeSet } from '../../src/graph/edge-sets.ts';
import {
  abandonStaleImportJobs,
  latestImportJob,
  openImportJob,
  recordImportProgress,
} from '../../src/graph/import-jobs.ts';
import { type IdBatches, importArchiveForOwner, importArchiveForUser } from '../../src/graph/ingest.ts';
import { describeEachDatabase } from '../support/databases.ts';

function ids(list: string[]): IdBatches {
  return {
    size: list.length,
    *batches(n: number) {
      for (let i = 0; i < list.length; i += n) yield list.slice(i, i + n);
    },
  };
}

const archive = (owner: string, following: string[]) => ({
  owner: { accountId: owner, username: `u${owner}`, displayName: 'U' },
  following: ids(following),
  followers: ids([]),
  warnings: [],
  layout: 'expanded',
  source: 'zip',
});

async function count(db: Database, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return row?.n ?? -1;
}

describeEachDatabase('edge sets', (db) => {
  it('an abandoned upload changes nothing visible, goes stale, and its rows are cleared', async () => {
    const { userId } = await importArchiveForOwner(db(), archive('6100', ['1', '2']));
    const jobId = await openImportJob(db(), userId, 3);
    await stageEdgeSet(
      db(),
      userId,
      jobId,
      { following: ids(['7', '8', '9']), followers: ids([]) },
      async () => true,
    );
    // The process dies here: no swap. Readers still see the stored archive only.
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1', [userId])).toBe(2);
    await clearHiddenEdgeSets(db(), userId); // a job still staging is left alone
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edge_rows WHERE edge_set = $1', [jobId])).toBe(
      3,
    );

    await db().query(`UPDATE archive_import_jobs SET updated_at = now() - interval '1 day' WHERE id = $1`, [
      jobId,
    ]);
    expect(await abandonStaleImportJobs(db())).toBe(1);
    expect(await latestImportJob(db(), userId)).toMatchObject({
      id: jobId,
      state: 'failed',
      error: 'abandoned',
    });
    // A writer that wakes up finds its job abandoned and stops.
    expect(await recordImportProgress(db(), jobId, 3)).toBe(false);
    await clearHiddenEdgeSets(db(), userId);
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edge_rows WHERE edge_set = $1', [jobId])).toBe(
      0,
    );
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1', [userId])).toBe(2);

    // The next upload replaces the archive; the replaced rows are deleted, not only hidden.
    const next = await importArchiveForUser(db(), userId, archive('6100', ['5']));
    await clearHiddenEdgeSets(db(), userId);
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edge_rows WHERE user_id = $1', [userId])).toBe(
      1,
    );
    expect(await latestImportJob(db(), userId)).toMatchObject({
      id: next.jobId,
      state: 'stored',
      done: 1,
      total: 1,
    });
  });

  it('hides rows written outside imports (set 0) when an import replaces them', async () => {
    const [user] = await db().query<{ id: string }>(
      `INSERT INTO users (x_account_id) VALUES ('6200') RETURNING id`,
    );
    const userId = Number(user?.id);
    await db().query(`INSERT INTO x_edges (user_id, direction, x_id) VALUES ($1, 1, '1'), ($1, 2, '2')`, [
      userId,
    ]);
    await importArchiveForUser(db(), userId, archive('6200', ['3']));
    const rows = await db().query<{ x_id: string }>('SELECT x_id FROM x_edges WHERE user_id = $1', [userId]);
    expect(rows.map((r) => r.x_id)).toEqual(['3']);
    await clearHiddenEdgeSets(db(), userId);
    expect(await count(db(), 'SELECT count(*)::int AS n FROM x_edge_rows WHERE user_id = $1', [userId])).toBe(
      1,
    );
    expect(
      await count(db(), 'SELECT count(*)::int AS n FROM x_edge_hidden WHERE user_id = $1 AND edge_set = 0', [
        userId,
      ]),
    ).toBe(0);
  });
});
