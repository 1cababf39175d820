// The safe fetch against local servers: the development policy for what must pass, the strict
// policy (with only the test's own server allowed) for what must be refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_ADDRESS_CODE } from '../../src/net/connector.ts';
import { DEVELOPMENT_POLICY, STRICT_POLICY } from '../../src/net/policy.ts';
import { SafeFetchError, safeFetch } from '../../src/net/safe-fetch.ts';
import { type LocalServer, localServer } from './local-server.ts';

/** The code of whatever stopped the request: a SafeFetchError's, or the connect check's. */
async function refusal(request: Promise<unknown>): Promise<string | undefined> {
  const err = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof SafeFetchError) return err.code;
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code ?? (err as Error | undefined)?.name;
}

const devFetch = safeFetch(DEVELOPMENT_POLICY, { timeoutMs: 5_000 });

describe('the safe fetch: addresses checked at connect time', () => {
  let target: LocalServer;
  beforeAll(async () => {
    target = await localServer((_req, res) => res.end('{}'));
  });
  afterAll(() => target.close());
  const port = () => new URL(target.url).port;
  // http allowed, so only the address check stands between the request and the server.
  const strictHttp = safeFetch({ ...STRICT_POLICY, allowHttp: true });

  it('refuses a name that resolves to loopback, without reaching it; the development policy connects', async () => {
    expect(await refusal(strictHttp(`http://localhost:${port()}/`))).toBe(PRIVATE_ADDRESS_CODE);
    expect(target.seen).toHaveLength(0);
    expect((await devFetch(`http://localhost:${port()}/`)).status).toBe(200);
    expect(target.seen).toHaveLength(1);
    target.seen.length = 0;
  });

  it('refuses IP literals of every private form at connect time', async () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.2',
      '0.0.0.0',
      '10.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '[::1]',
      '[::]',
      '[::ffff:127.0.0.1]',
      '[::7f00:1]',
      '[2002:7f00:1::1]',
      '[64:ff9b::7f00:1]',
      '[64:ff9b:1::1]',
      '[fec0::1]',
      '[fd00::1]',
      '[fe80::1]',
      '[ff02::1]',
    ])
      expect(await refusal(strictHttp(`http://${host}:${port()}/`)), host).toBe(PRIVATE_ADDRESS_CODE);
    expect(target.seen).toHaveLength(0);
  });

  it('reaches https only, unless the development policy allows http', async () => {
    expect(await refusal(safeFetch(STRICT_POLICY)(`${target.url}/`))).toBe('URL_REFUSED');
    expect(await refusal(safeFetch(STRICT_POLICY)('ftp://example.org/'))).toBe('URL_REFUSED');
    expect(await refusal(devFetch(`http://user:pw@127.0.0.1:${port()}/`))).toBe('URL_REFUSED');
    expect(target.seen).toHaveLength(0);
  });
});

describe('the safe fetch: redirects', () => {
  let first: LocalServer;
  let other: LocalServer;
  let inside: LocalServer;
  beforeAll(async () => {
    // /hop/N redirects N more times on the same server, then to ?to=… (or answers).
    first = await localServer((req, res) => {
      const url = new URL(req.path, 'http://x');
      const left = Number(/^\/hop\/(\d+)/.exec(url.pathname)?.[1] ?? 0);
      const to = url.searchParams.get('to');
      if (left > 0) {
        res.writeHead(302, { location: `/hop/${left - 1}${url.search}` });
        return res.end();
      }
      if (to) {
        res.writeHead(Number(url.searchParams.get('status') ?? 307), { location: to });
        return res.end();
      }
      res.end('arrived');
    });
    other = await localServer((_req, res) => res.end('other'));
    // Another loopback address, which the strict policy below does not allow.
    inside = await localServer((_req, res) => res.end('inside'), '127.0.0.2');
  });
  afterAll(async () => {
    await Promise.all([first.close(), other.close(), inside.close()]);
  });
  // Strict, except the first server's own address: every hop elsewhere in loopback is refused.
  const strictButFirst = () =>
    safeFetch({ ...STRICT_POLICY, allowHttp: true, allowedAddresses: ['127.0.0.1'] });

  it('follows up to 3 redirects, checking each hop, and refuses a 4th', async () => {
    const res = await devFetch(`${first.url}/hop/3`);
    expect(await res.text()).toBe('arrived');
    expect(res.url).toBe(`${first.url}/hop/0`);
    expect(await refusal(devFetch(`${first.url}/hop/4`))).toBe('REDIRECT_REFUSED');
  });

  it('refuses a redirect to another loopback address at every hop, without reaching it', async () => {
    for (const hops of [0, 1, 2]) {
      const to = encodeURIComponent(`${inside.url}/metadata`);
      expect(await refusal(strictButFirst()(`${first.url}/hop/${hops}?to=${to}`)), `hop ${hops + 1}`).toBe(
        PRIVATE_ADDRESS_CODE,
      );
      for (const literal of [
        'http://[::1]/',
        'http://0.0.0.0/',
        `http://[::ffff:7f00:2]:${new URL(inside.url).port}/`,
      ]) {
        const target = encodeURIComponent(literal);
        expect(await refusal(strictButFirst()(`${first.url}/hop/${hops}?to=${target}`)), literal).toBe(
          PRIVATE_ADDRESS_CODE,
        );
      }
    }
    expect(inside.seen).toHaveLength(0);
    // The same chain under the development policy arrives, so the refusal was the address.
    const to = encodeURIComponent(`${inside.url}/metadata`);
    expect(await (await devFetch(`${first.url}/hop/2?to=${to}`)).text()).toBe('inside');
    inside.seen.length = 0;
  });

  it('never follows a redirect of a POST: the body and its secrets stay where they were sent', async () => {
    for (const status of [307, 308, 302, 303]) {
      const to = encodeURIComponent(`${other.url}/steal`);
      const post = devFetch(`${first.url}/hop/0?status=${status}&to=${to}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_secret: 's3cret', token: 't0ken' }),
      });
      expect(await refusal(post), String(status)).toBe('REDIRECT_REFUSED');
    }
    expect(other.seen).toHaveLength(0);
  });

  it("hands a redirect back as it came when asked ('manual'), and refuses one when asked ('error')", async () => {
    const to = encodeURIComponent(`${other.url}/`);
    const manual = await devFetch(`${first.url}/hop/0?to=${to}`, { redirect: 'manual' });
    expect(manual.status).toBe(307);
    expect(manual.headers.get('location')).toBe(`${other.url}/`);
    expect(await refusal(devFetch(`${first.url}/hop/0?to=${to}`, { redirect: 'error' }))).toBe(
      'REDIRECT_REFUSED',
    );
    expect(other.seen).toHaveLength(0);
  });

  it('drops the credentials when a redirect leaves the origin', async () => {
    const to = encodeURIComponent(`${other.url}/next`);
    const res = await devFetch(`${first.url}/hop/1?to=${to}`, { headers: { authorization: 'Bearer t0ken' } });
    expect(await res.text()).toBe('other');
    expect(first.seen.at(-1)?.headers.authorization).toBe('Bearer t0ken');
    expect(other.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('sends a Request object as it is (the atproto OAuth client sends those)', async () => {
    const res = await devFetch(
      new Request(`${other.url}/par`, { method: 'POST', body: 'a=1', headers: { 'x-test': 'yes' } }),
    );
    expect(res.status).toBe(200);
    expect(other.seen.at(-1)).toMatchObject({ method: 'POST', body: 'a=1', headers: { 'x-test': 'yes' } });
  });
});

describe('the safe fetch: time and size bounds', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await localServer((req, res) => {
      if (req.path === '/silent') return; // never answers
      if (req.path === '/trickle') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.write('a'); // headers and one byte, then nothing
      }
      if (req.path === '/declared') {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        return void res.write('x'.repeat(1024));
      }
      if (req.path === '/stream') {
        // No length announced: a 2 MiB body in chunks.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        for (let i = 0; i < 32; i += 1) res.write(chunk);
        return void res.end();
      }
      res.end('small');
    });
  });
  afterAll(() => server.close());

  it('gives up on a server that never answers', async () => {
    expect(await refusal(safeFetch(DEVELOPMENT_POLICY, { timeoutMs: 200 })(`${server.url}/silent`))).toBe(
      'TimeoutError',
    );
  });

  it('bounds the whole request: a body that never ends times out too', async () => {
    const res = await safeFetch(DEVELOPMENT_POLICY, { timeoutMs: 300 })(`${server.url}/trickle`);
    expect(res.status).toBe(200);
    expect(await refusal(res.text())).toBe('TimeoutError');
  });

  it('refuses a body announced larger than the cap, and stops reading one that grows past it', async () => {
    const capped = safeFetch(DEVELOPMENT_POLICY, { maxBytes: 1024 * 1024 });
    expect(await refusal(capped(`${server.url}/declared`))).toBe('RESPONSE_TOO_LARGE');
    const res = await capped(`${server.url}/stream`);
    expect(await refusal(res.arrayBuffer())).toBe('RESPONSE_TOO_LARGE');
    // Under the cap, the same answer is read whole.
    const whole = await safeFetch(DEVELOPMENT_POLICY, { maxBytes: 4 * 1024 * 1024 })(`${server.url}/stream`);
    expect((await whole.arrayBuffer()).byteLength).toBe(2 * 1024 * 1024);
    expect(await (await capped(`${server.url}/small`)).text()).toBe('small');
  });
});
