// The plug points for OAuth callbacks: ensureSessionUser attaches to the session user (creating an
// anonymous one on first use); startSessionFor moves the browser to an existing user and revokes
// the session it had, so a planted session id is worthless after sign-in.
import { OpenAPIHono } from '@hono/zod-openapi';
import { beforeAll, expect, it } from 'vitest';
import type { AppEnv } from '../../src/web/app-env.ts';
import { routeContext } from '../../src/web/context.ts';
import { ensureSessionUser, loadSession, startSessionFor } from '../../src/web/middleware/session.ts';
import { createAnonymousUser } from '../../src/web/sessions.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { TestBrowser } from './client.ts';

describeEachDatabase('session attach points', (db) => {
  let app: OpenAPIHono<AppEnv>;
  let existingUser: number;
  beforeAll(async () => {
    const ctx = routeContext({ database: db() });
    existingUser = await createAnonymousUser(db());
    app = new OpenAPIHono<AppEnv>();
    app.use('*', loadSession(ctx));
    // What an OAuth callback does: attach to the session user…
    app.get('/callback/new', async (c) => c.json({ userId: await ensureSessionUser(c, ctx) }));
    // …or, when the account is already known, sign the browser in as its owner.
    app.get('/callback/known', async (c) =>
      c.json({ userId: (await startSessionFor(c, ctx, existingUser)).userId }),
    );
    app.get('/whoami', (c) => c.json({ userId: c.get('session')?.userId ?? null }));
  });

  const userIdOf = async (res: Response) => ((await res.json()) as { userId: number | null }).userId;

  it('creates an anonymous user on first use and reuses it afterwards', async () => {
    const browser = new TestBrowser(app);
    const first = await userIdOf(await browser.request('GET', '/callback/new'));
    expect(first).toBeGreaterThan(0);
    expect(await userIdOf(await browser.request('GET', '/callback/new'))).toBe(first);
    expect(await userIdOf(await browser.request('GET', '/whoami'))).toBe(first);
  });

  it('moves the browser to the known user and revokes the previous session', async () => {
    const browser = new TestBrowser(app);
    await browser.request('GET', '/callback/new');
    const planted = new Map(browser.cookies);
    expect(await userIdOf(await browser.request('GET', '/callback/known'))).toBe(existingUser);
    expect(await userIdOf(await browser.request('GET', '/whoami'))).toBe(existingUser);
    const attacker = new TestBrowser(app);
    for (const [k, v] of planted) attacker.cookies.set(k, v);
    expect(await userIdOf(await attacker.request('GET', '/whoami'))).toBeNull();
  });
});
