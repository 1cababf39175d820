// GET /metrics for Prometheus: served to loopback callers that did not come through a proxy, or
// to anyone presenting METRICS_TOKEN as a bearer token. Nothing else may read it.
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Database } from '../db/index.ts';
import { apiError } from '../web/errors.ts';
import { httpDuration, registry, watchDatabase } from './registry.ts';

export interface MetricsConfig {
  /** Bearer token that opens /metrics from anywhere; unset: loopback only. */
  token?: string;
}

function bearerMatches(c: Context, token: string | undefined): boolean {
  if (!token) return false;
  const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A direct loopback connection: a request relayed by a local proxy carries forwarding headers. */
function fromLoopback(c: Context): boolean {
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded') || c.req.header('x-real-ip')) return false;
  try {
    const address = getConnInfo(c).remote.address ?? '';
    return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  } catch {
    return false;
  }
}

export function metricsRoutes(database: Database, config: MetricsConfig): Hono {
  watchDatabase(database, database.poolStats);
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (!bearerMatches(c, config.token) && !fromLoopback(c))
      return apiError(c, 403, 'METRICS_FORBIDDEN', 'Metrics are served to loopback or with METRICS_TOKEN.');
    c.header('content-type', registry.contentType);
    c.header('cache-control', 'no-store');
    return c.body(await registry.metrics());
  });
  return app;
}

/** Times every request under its route pattern (never the raw path: ids would explode labels). */
export function httpMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const end = httpDuration.startTimer();
    await next();
    end({ route: routePath(c, -1) || 'unmatched', method: c.req.method, status: String(c.res.status) });
  };
}
