// The built SPA: hashed assets cached for a year (precompressed .gz served when the browser
// accepts it), every other GET answered with index.html (kept in memory) so client-side routes
// load directly. A missing asset is a 404: index.html under an asset's name, cached as immutable,
// would break the page until the cache expires. Security headers come from the app's middleware.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono } from 'hono';

/** The status a client-side page is served with (404 for a page that does not exist). */
export type PageStatus = (path: string) => Promise<200 | 404>;

export function serveSpa<E extends Env>(app: Hono<E>, dir: string, pageStatus?: PageStatus): void {
  const root = path.resolve(dir);
  const indexHtml = readFileSync(path.join(root, 'index.html'), 'utf8');
  app.use(
    '/assets/*',
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    },
    serveStatic({ root, precompressed: true }),
  );
  app.all('/assets/*', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.text('Not found', 404);
  });
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml, pageStatus ? await pageStatus(c.req.path) : 200);
  });
}
