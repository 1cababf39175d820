// The RFC 8058 one-click unsubscribe of the digest (its List-Unsubscribe header): the mail
// client's server POSTs `List-Unsubscribe=One-Click` to the link. A person who clicks the link
// instead gets the web app's /unsubscribe page (GET changes nothing: mail scanners open links),
// whose button posts to /api/email/unsubscribe. A browser form posted from another site is
// refused here: only mail clients (no browser context) and Passerelle's own pages may do this.
import { Hono } from 'hono';
import type { Database } from '../db/index.ts';
import { unsubscribeDigest } from './digest-address.ts';

const ONE_CLICK = 'List-Unsubscribe=One-Click';

export function unsubscribeRoutes(database: Database): Hono {
  const app = new Hono();
  app.post('/unsubscribe', async (c) => {
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return c.text('Cross-site request refused.', 403);
    const form = await c.req.text();
    if (!form.split('&').includes(ONE_CLICK)) return c.text(`The body must be ${ONE_CLICK} (RFC 8058).`, 400);
    const ok = await unsubscribeDigest(database, c.req.query('token') ?? '');
    if (!ok) return c.text('This unsubscribe link is not valid (any more).', 404);
    return c.text('Unsubscribed.');
  });
  return app;
}
