// The server under load for bench:web, in its own process so the load generator does not share
// its event loop: an in-memory PGlite seeded with registrations and archives, the built SPA.
import { serve } from '@hono/node-server';
import { openDatabase } from '../src/db/index.ts';
import { UI_DIST } from '../src/ui/build.ts';
import { createApp } from '../src/web/app.ts';

const USERS = Number(process.env.BENCH_USERS ?? 20_000);
const database = await openDatabase({ kind: 'pglite-memory' });
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
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port, users: USERS })}\n`);
});
process.once('SIGTERM', () => server.close(() => database.close().then(() => process.exit(0))));
