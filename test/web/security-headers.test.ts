// Every response carries nosniff, the CSP with frame-ancestors and no framing — pages, API answers,
// errors and redirects alike; HSTS only over https (directly or as a trusted proxy saw it); and a
// missing asset is a 404 that nothing caches, never index.html cached for a year.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';

describe('security headers', () => {
  let dir: string;
  const app = (trustProxy = 0) =>
    createApp({ database: {} as Database, staticDir: dir, config: { trustProxy, cookieSecure: false } });
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-headers-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Passerelle</title>');
    await writeFile(path.join(dir, 'assets/app-abc123.js'), 'console.log("app")');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const expectSecured = (res: Response, what: string) => {
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy'), what).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  };

  it('sets them on pages, assets, API answers, API errors and redirects', async () => {
    const web = app();
    const pages = [
      ['/', 200],
      ['/assets/app-abc123.js', 200],
      ['/api/nothing-here', 404],
      ['/oauth/x/callback', 302],
    ] as const;
    for (const [route, status] of pages) {
      const res = await web.request(route);
      expect(res.status, route).toBe(status);
      expectSecured(res, route);
      expect(res.headers.get('strict-transport-security'), route).toBeNull();
    }
  });

  it('sends HSTS over https, and behind a trusted proxy that saw https', async () => {
    const direct = await app().request('https://passerelle.example/');
    expect(direct.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    const proxied = { headers: { 'x-forwarded-proto': 'https' } };
    expect(
      (await app(1).request('/api/nothing-here', proxied)).headers.get('strict-transport-security'),
    ).toMatch(/^max-age=\d+/);
    // An untrusted client saying https gets none.
    expect((await app(0).request('/', proxied)).headers.get('strict-transport-security')).toBeNull();
  });

  it('answers a missing asset with an uncached 404, not index.html', async () => {
    const res = await app().request('/assets/app-old999.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).not.toContain('immutable');
    expect(await res.text()).not.toContain('<title>');
    expectSecured(res, 'missing asset');
  });
});
