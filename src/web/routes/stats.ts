// /api/stats and /api/stats/history: public, served from a short in-memory cache so the landing
// page's counters hold under load.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { cached } from '../cache.ts';
import type { RouteContext } from '../context.ts';
import { currentStats, StatsHistorySchema, StatsSchema, statsHistory } from '../public-stats.ts';

const getStats = createRoute({
  method: 'get',
  path: '/stats',
  tags: ['stats'],
  summary: 'Public counters: people registered, archives, accounts linked, connections rebuilt, pledges',
  responses: { 200: { description: 'Counters', content: { 'application/json': { schema: StatsSchema } } } },
});

const getHistory = createRoute({
  method: 'get',
  path: '/stats/history',
  tags: ['stats'],
  summary: 'Daily cumulative series for the statistics page',
  responses: {
    200: { description: 'Series', content: { 'application/json': { schema: StatsHistorySchema } } },
  },
});

export function statsRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const ttl = ctx.config.statsCacheSeconds * 1000;
  const stats = cached(ttl, () => currentStats(ctx.database));
  const history = cached(Math.max(ttl, 60_000), () => statsHistory(ctx.database));
  const maxAge = `public, max-age=${ctx.config.statsCacheSeconds}`;
  app.openapi(getStats, async (c) => {
    c.header('Cache-Control', maxAge);
    return c.json(await stats.get(), 200);
  });
  app.openapi(getHistory, async (c) => {
    c.header('Cache-Control', maxAge);
    return c.json(await history.get(), 200);
  });
  return app;
}
