// /api/stats and /api/stats/history: public, both from one reading (publicStatistics) kept in a
// short in-memory cache, so the landing page's counters hold under load and never disagree with
// the statistics page's table. The totals count everyone, anonymously; the daily series count only
// the people who gave the public-statistics consent (a small day could single someone out).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { cached } from '../cache.ts';
import type { RouteContext } from '../context.ts';
import { publicStatistics, StatsHistorySchema, StatsSchema } from '../public-stats.ts';

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
  summary: 'Daily cumulative series for the statistics page (people who agreed to public statistics)',
  responses: {
    200: { description: 'Series', content: { 'application/json': { schema: StatsHistorySchema } } },
  },
});

export function statsRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const ttl = ctx.config.statsCacheSeconds * 1000;
  const figures = cached(ttl, () => publicStatistics(ctx.database));
  const maxAge = `public, max-age=${ctx.config.statsCacheSeconds}`;
  app.openapi(getStats, async (c) => {
    c.header('Cache-Control', maxAge);
    return c.json((await figures.get()).stats, 200);
  });
  app.openapi(getHistory, async (c) => {
    c.header('Cache-Control', maxAge);
    return c.json((await figures.get()).history, 200);
  });
  return app;
}
