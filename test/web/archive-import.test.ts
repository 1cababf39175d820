// Storing a large archive never holds the database for other requests: /healthz answers while
// the lists are staged, readers keep seeing the previous archive until the swap, the page can
// follow the job, and once the swap committed the answer reports the stored archive.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const ids = (n: number, base: number) => Array.from({ length: n }, (_, i) => String(base + i * 7));

type Job = { state: string; done: number; total: number } | null;

async function visibleEdges(database: Database, userId: number): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM x_edges WHERE user_id = $1',
    [userId],
  );
  return row?.n ?? -1;
}

/**
 * The database as the app sees it, except that the directory's fan-out (its per-user lock is its
 * first statement) fails: the failure comes after the archive's swap has committed.
 */
function failingFanOut(database: Database): Database {
  const wrap = (db: Database): Database => ({
    ...db,
    kind: db.kind,
    db: db.db,
    copyFrom: db.copyFrom,
    close: () => db.close(),
    query: (text, params) =>
      params?.some((p) => typeof p === 'string' && p.startsWith('directory-user:'))
        ? Promise.reject(new Error('connection lost'))
        : db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  });
  return wrap(database);
}

describeEachDatabase('archive import while the server serves', (db) => {
  const appFor = (database: Database) => createApp({ database });

  it('answers /healthz while a large import is staged; readers see the previous archive until the swap', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const first = await browser.request('POST', '/api/archive', {
      body: archiveBody('7100', ['1', '2', '3'], ['4']),
    });
    expect(first.status).toBe(200);

    const big = archiveBody('7100', ids(150_000, 10_000_000), ids(150_000, 90_000_000));
    let finished = false;
    const upload = browser.request('POST', '/api/archive', { body: big }).then((res) => {
      finished = true;
      return res;
    });
    // Follow the job as the page does until it is staging with rows written but not all.
    const healthDuringImport: number[] = [];
    const readersSaw: number[] = [];
    let seenStaging = false;
    while (!finished) {
      const { job } = (await (await browser.request('GET', '/api/archive/import')).json()) as { job: Job };
      if (job?.state === 'staging' && job.done > 0 && job.done < job.total) {
        seenStaging = true;
        const health = await app.request('/healthz');
        readersSaw.push(await visibleEdges(db(), userId));
        if (!finished) healthDuringImport.push(health.status);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await upload;
    expect(res.status).toBe(200);
    expect(seenStaging).toBe(true);
    expect(healthDuringImport.length).toBeGreaterThan(0);
    expect(new Set(healthDuringImport)).toEqual(new Set([200]));
    // Atomic to readers: the old lists (4 edges) until the swap, never a part of the new ones.
    expect(new Set(readersSaw)).toEqual(new Set([4]));
    expect(await visibleEdges(db(), userId)).toBe(300_000);

    const { job } = (await (await browser.request('GET', '/api/archive/import')).json()) as { job: Job };
    expect(job).toMatchObject({ state: 'stored', done: 300_000, total: 300_000 });
  }, 300_000);

  it('reports the stored archive when the work after the commit fails (not "nothing was changed")', async () => {
    const app = appFor(failingFanOut(db()));
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const res = await browser.request('POST', '/api/archive', {
      body: archiveBody('7200', ['11', '12'], ['13']),
    });
    expect(res.status).toBe(200);
    const { archive } = (await res.json()) as { archive: Record<string, unknown> };
    expect(archive).toMatchObject({ xAccountId: '7200', username: 'user7200', following: 2, followers: 1 });
    // And it is true: the archive is stored.
    expect(await visibleEdges(db(), userId)).toBe(3);
    const current = (await (await browser.request('GET', '/api/archive')).json()) as {
      archive: Record<string, unknown>;
    };
    expect(current.archive).toMatchObject({ xAccountId: '7200', following: 2, followers: 1 });
  });

  it('shows a user only their own import job', async () => {
    const app = appFor(db());
    const alice = new TestBrowser(app);
    const bob = new TestBrowser(app);
    await alice.signIn();
    await bob.signIn();
    await alice.request('POST', '/api/archive', { body: archiveBody('7300', ['1'], []) });
    const mine = (await (await alice.request('GET', '/api/archive/import')).json()) as { job: Job };
    expect(mine.job).toMatchObject({ state: 'stored', done: 1, total: 1 });
    const theirs = (await (await bob.request('GET', '/api/archive/import')).json()) as { job: Job };
    expect(theirs.job).toBeNull();
  });
});
