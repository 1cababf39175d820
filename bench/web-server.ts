// The server under load for bench:web, in its own process so the load generator does not share
// its event loop: an in-memory PGlite (or the PostgreSQL of BENCH_SERVER_DATABASE_URL) seeded with
// registrations and archives, the built SPA. POST /bench/naive-import stores an upload the naive
// way (one transaction holding the connection throughout), for comparison with /api/archive.
import { serve } from '@hono/node-server';
import { openDatabase } from '../src/db/index.ts';
import { applyUserChange } from '../src/directory/fanout.ts';
import { UI_DIST } from '../src/ui/build.ts';
import { createApp } from '../src/web/app.ts';

const USERS = Number(process.env.BENCH_USERS ?? 20_000);
const url = process.env.BENCH_SERVER_DATABASE_URL;
const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite-memory' });
await database.query(
  `INSERT INTO users (created_at, x_account_id)
   SELECT now() - (g % 90) * interval '1 day', (1000000 + g)::text FROM generate_series(1, $1) g`,
  [USERS],
);
await database.query(
  `INSERT INTO archive_imports (user_id, x_account_id, imported_at, following_count, follower_count, source_kind, layout)
   SELECT id, x_account_id, created_at, 500, 300, 'zip', 'expanded' FROM users WHERE id % 2 = 0`,
);
const app = createApp({ database, staticDir: UI_DIST });

interface NaiveUpload {
  owner: { accountId: string };
  following: string[];
  followers: string[];
}

/** The import as it was before edge sets: everything in one transaction, 20,000 rows a statement. */
app.post('/bench/naive-import', async (c) => {
  const body = (await c.req.json()) as NaiveUpload;
  await database.transaction(async (tx) => {
    const [user] = await tx.query<{ id: string }>(
      'INSERT INTO users (x_account_id) VALUES ($1) RETURNING id',
      [body.owner.accountId],
    );
    const userId = Number(user?.id);
    await tx.query('DELETE FROM x_edges WHERE user_id = $1', [userId]);
    for (const [direction, list] of [
      [1, body.following],
      [2, body.followers],
    ] as const) {
      const sorted = [...new Set(list)].sort();
      for (let i = 0; i < sorted.length; i += 20_000)
        await tx.query('INSERT INTO x_edges (user_id, direction, x_id) SELECT $1, $2, unnest($3::text[])', [
          userId,
          direction,
          sorted.slice(i, i + 20_000),
        ]);
    }
    await tx.query(
      `INSERT INTO archive_imports (user_id, x_account_id, following_count, follower_count, source_kind, layout)
       VALUES ($1, $2, $3, $4, 'zip', 'expanded')`,
      [userId, body.owner.accountId, body.following.length, body.followers.length],
    );
    await applyUserChange(tx, userId, { archiveChanged: true });
  });
  return c.json({ ok: true });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port, users: USERS })}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => database.close().then(() => process.exit(0)));
  // Keep-alive connections of the load generator must not hold the process open.
  if ('closeAllConnections' in server) server.closeAllConnections();
});
