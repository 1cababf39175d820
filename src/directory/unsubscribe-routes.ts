// The one-click unsubscribe endpoint of the digest, for the web app to mount. GET only shows a
// button (mail scanners open links; they must not unsubscribe anyone); POST — the button, or
// the mail client's RFC 8058 one-click request — unsubscribes.
import { Hono } from 'hono';
import type { Database } from '../db/index.ts';
import { unsubscribeDigest } from './digest.ts';

const page = (body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Passerelle</title><main>${body}</main></html>`;

export function unsubscribeRoutes(database: Database): Hono {
  const app = new Hono();
  app.get('/unsubscribe', (c) => {
    const token = c.req.query('token') ?? '';
    const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
    return c.html(
      page(
        `<p>Stop the weekly Passerelle email?</p><form method="post" action="${action}"><button>Unsubscribe</button></form>`,
      ),
    );
  });
  app.post('/unsubscribe', async (c) => {
    const ok = await unsubscribeDigest(database, c.req.query('token') ?? '');
    if (!ok)
      return c.html(
        page('<p>This unsubscribe link is not valid (any more). Change your emails in your settings.</p>'),
        404,
      );
    return c.html(
      page('<p>Done: Passerelle will not email you again unless you turn the digest back on.</p>'),
    );
  });
  return app;
}
