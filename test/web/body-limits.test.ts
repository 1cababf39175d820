// Every body is bounded before it is read: 413 in the API's error shape, whether the size is
// declared or the body streams in chunks; the archive upload keeps its own, larger limit; and
// every input schema bounds its strings, lists and maps.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';
import { MAX_BODY_BYTES } from '../../src/web/middleware/body-limit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';
import { apiOperations, unboundedParts } from './openapi-schemas.ts';

/** A body of `total` bytes in 64 KiB chunks, counting how much of it was pulled. */
function countedStream(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe('input schemas', () => {
  it('bound every string, list and map of every API input', async () => {
    const app = createApp({ database: {} as Database });
    const unbounded = (await apiOperations(app)).flatMap((op) => [
      ...(op.body ? unboundedParts(op.body.schema).map((p) => `${op.method} ${op.path} ${p}`) : []),
      ...op.parameters.flatMap((p) =>
        unboundedParts(p.schema, p.name).map((u) => `${op.method} ${op.path} ${u}`),
      ),
    ]);
    expect(unbounded).toEqual([]);
  });
});

describeEachDatabase('web: body limits', (db) => {
  const web = () =>
    createApp({ database: db(), config: { cookieSecure: false, maxUploadBytes: 256 * 1024 } });

  it('answers 413 to a declared body over the limit, in the error shape', async () => {
    const browser = new TestBrowser(web());
    await browser.signIn();
    const body = JSON.stringify({ kind: 'percent', percent: 50, pad: 'x'.repeat(400_000) });
    const res = await browser.request('PUT', '/api/pledge', { body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: 'BODY_TOO_LARGE',
        message: `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
        params: { maxBytes: MAX_BODY_BYTES },
      },
    });
    const [row] = await db().query('SELECT count(*)::int AS n FROM pledges');
    expect(row).toEqual({ n: 0 });
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const app = web();
    const browser = new TestBrowser(app);
    await browser.signIn();
    const { stream, counter } = countedStream(400 * 1024 * 1024);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-csrf-token': browser.csrfToken ?? '',
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const res = await app.request('http://localhost/api/pledge', {
      method: 'PUT',
      headers,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    expect(counter.pulled).toBeLessThan(1024 * 1024);
  });

  it('keeps the archive upload on its own limit', async () => {
    const browser = new TestBrowser(web());
    await browser.signIn();
    const ids = Array.from({ length: 3000 }, (_, i) => String(1_000_000 + i));
    const fits = archiveBody('4242', ids, []);
    expect(JSON.stringify(fits).length).toBeGreaterThan(MAX_BODY_BYTES);
    expect((await browser.request('POST', '/api/archive', { body: fits })).status).toBe(200);
    const big = archiveBody(
      '4242',
      Array.from({ length: 30_000 }, (_, i) => String(1_000_000 + i)),
      [],
    );
    const refused = await browser.request('POST', '/api/archive', { body: big });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_TOO_LARGE');
  });

  it('refuses warning params beyond their bounds', async () => {
    const browser = new TestBrowser(web());
    await browser.signIn();
    const long = {
      ...archiveBody('4343', ['1'], []),
      warnings: [{ code: 'X', params: { file: 'a'.repeat(5000) } }],
    };
    expect((await browser.request('POST', '/api/archive', { body: long })).status).toBe(400);
    const params = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const many = { ...archiveBody('4343', ['1'], []), warnings: [{ code: 'X', params }] };
    expect((await browser.request('POST', '/api/archive', { body: many })).status).toBe(400);
  });
});
