// The built SPA: index.html for client routes, hashed assets cached and sent precompressed, and
// /api paths never fall through to the SPA.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';

describe('static SPA', () => {
  let dir: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-spa-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Passerelle</title>');
    await writeFile(path.join(dir, 'assets/app-abc123.js'), 'console.log("app")');
    await writeFile(path.join(dir, 'assets/app-abc123.js.gz'), gzipSync('console.log("app")'));
    // No database call happens on these paths.
    app = createApp({ database: {} as Database, staticDir: dir });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers client-side routes with index.html, not cached', async () => {
    for (const route of ['/', '/archive', '/settings']) {
      const res = await app.request(route);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Passerelle</title>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets for a year, gzipped when accepted', async () => {
    const res = await app.request('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const plain = await app.request('/assets/app-abc123.js');
    expect(await plain.text()).toBe('console.log("app")');
  });

  it('keeps unknown /api paths as JSON 404s', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});
