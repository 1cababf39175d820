// The HTTP application. For now: health and public counters; the API and pages grow here.
import { Hono } from 'hono';
import type { Database } from '../db/index.ts';
import { graphCounts } from '../graph/stats.ts';

export interface WebContext {
  database: Database;
}

export function createApp(ctx: WebContext): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    try {
      await ctx.database.query('SELECT 1');
      return c.json({ ok: true, database: ctx.database.kind });
    } catch {
      return c.json({ ok: false, error: 'database unreachable' }, 503);
    }
  });
  app.get('/api/stats', async (c) => c.json(await graphCounts(ctx.database)));
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Passerelle</title>' +
        '<h1>Passerelle</h1><p lang="fr">Quitter X ensemble, sans perdre son réseau.</p>' +
        '<p lang="en">Leave X together, without losing your network.</p></html>',
    ),
  );
  return app;
}
