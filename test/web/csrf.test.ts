// The CSRF middleware on its own: double-submit token and origin check, behind a proxy too.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { DEFAULT_CONFIG, type RouteContext } from '../../src/web/context.ts';
import { csrfProtection } from '../../src/web/middleware/csrf.ts';

const TOKEN = 'a'.repeat(43);

function appWith(config: Partial<RouteContext['config']>) {
  const ctx: RouteContext = {
    database: {} as Database,
    config: { ...DEFAULT_CONFIG, ...config },
    beforeUserDelete: [],
  };
  const app = new Hono();
  app.use('*', csrfProtection(ctx));
  app.post('/change', (c) => c.text('changed'));
  app.get('/read', (c) => c.text('read'));
  return app;
}

function post(app: Hono, headers: Record<string, string>) {
  return app.request('http://passerelle.example/change', {
    method: 'POST',
    headers: { cookie: `__Host-passerelle_csrf=${TOKEN}`, ...headers },
  });
}

describe('CSRF protection', () => {
  it('lets reads through and needs the matching header on writes', async () => {
    const app = appWith({});
    expect((await app.request('http://passerelle.example/read')).status).toBe(200);
    expect((await post(app, {})).status).toBe(403);
    expect((await post(app, { 'x-csrf-token': 'b'.repeat(43) })).status).toBe(403);
    expect((await post(app, { 'x-csrf-token': TOKEN })).status).toBe(200);
    expect((await post(app, { 'x-csrf-token': TOKEN, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post(app, { 'x-csrf-token': TOKEN, 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('checks the Origin, honouring X-Forwarded-Proto only behind a trusted proxy', async () => {
    const https = {
      'x-csrf-token': TOKEN,
      origin: 'https://passerelle.example',
      'x-forwarded-proto': 'https',
    };
    expect((await post(appWith({}), https)).status).toBe(403);
    expect((await post(appWith({ trustProxy: 1 }), https)).status).toBe(200);
    expect((await post(appWith({ allowedOrigins: ['https://passerelle.example'] }), https)).status).toBe(200);
    const evil = { ...https, origin: 'https://passerelle.example.evil.test' };
    expect((await post(appWith({ trustProxy: 1 }), evil)).status).toBe(403);
  });
});
