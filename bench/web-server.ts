// The server under load for bench:web, in its own process so the load generator does not share
// its event loop: an in-memory PGlite (or the PostgreSQL of BENCH_SERVER_DATABASE_URL) seeded with
// registrations and archives, the built SPA. POST /bench/main-thread-import stores an upload with
// its parsing, checking and sorting on the event loop (the path before the upload worker), for
// comparison with /api/archive. GET /bench/event-loop tells how the server's event loop fared since
// the previous call (its delay, how busy it was, and how much of that its thread had the CPU).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase } from '../src/db/index.ts';
import { applyUserChange } from '../src/directory/fanout.ts';
import { type IdBatches, importArchiveForUser } from '../src/graph/ingest.ts';
import { sortedIds } from '../src/graph/sort-ids.ts';
import { UI_DIST } from '../src/ui/build.ts';
import { createApp } from '../src/web/app.ts';
import { uploadSchema } from '../src/web/upload/schema.ts';

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
// The comparison route sits in front of the app, outside its 16 KiB body limit for other routes.
const app = new Hono();

/**
 * The upload as it was stored before the worker thread: JSON parsed, every id checked against the
 * schema, de-duplicated and sorted on the event loop, then the same chunked staging as ours.
 */
app.post('/bench/main-thread-import', async (c) => {
  const body = uploadSchema(2_000_000).parse(await c.req.json());
  const [user] = await database.query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
  const onThread = (ids: string[]): IdBatches => {
    const unique = [...new Set(ids)];
    return { size: unique.length, sorted: () => sortedIds(unique) } as IdBatches;
  };
  await importArchiveForUser(database, Number(user?.id), {
    ...body,
    following: onThread(body.following),
    followers: onThread(body.followers),
    blocking: onThread(body.blocking),
    muting: onThread(body.muting),
  });
  await applyUserChange(database, Number(user?.id), { archiveChanged: true });
  return c.json({ ok: true });
});

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let since = { elu: performance.eventLoopUtilization(), cpu: process.threadCpuUsage() };

/**
 * Since the previous call: the loop's delay (max, p99), the time it was busy running code, and the
 * main thread's CPU time in that while. Busy but without the CPU: the machine starved the server.
 */
app.get('/bench/event-loop', (c) => {
  const elu = performance.eventLoopUtilization(since.elu);
  const cpu = process.threadCpuUsage(since.cpu);
  const report = {
    maxMs: Math.round(delay.max / 1e6),
    p99Ms: Math.round(delay.percentile(99) / 1e6),
    busyMs: Math.round(elu.active),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
  delay.reset();
  since = { elu: performance.eventLoopUtilization(), cpu: process.threadCpuUsage() };
  return c.json(report);
});

app.route('/', createApp({ database, staticDir: UI_DIST }));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port, users: USERS })}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => database.close().then(() => process.exit(0)));
  // Keep-alive connections of the load generator must not hold the process open.
  if ('closeAllConnections' in server) server.closeAllConnections();
});
