// The cause of a failed call, named the way an operator acts on it, from real sockets: a closed
// port, a host that never answers, one that resets, a plain-http server spoken to in TLS, a name
// that does not resolve.

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedAt, networkCause } from '../../src/net/errors.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { safeFetch } from '../../src/net/safe-fetch.ts';
import { type SilentServer, silentServer } from '../support/silent-server.ts';
import { type LocalServer, localServer } from './local-server.ts';

const quick = safeFetch(DEVELOPMENT_POLICY, { timeoutMs: 500, connectTimeoutMs: 500 });

async function failure(url: string): Promise<unknown> {
  return quick(url).then(
    () => {
      throw new Error(`${url} answered`);
    },
    (err: unknown) => err,
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('network causes', () => {
  let frozen: SilentServer;
  let resetting: SilentServer;
  let plain: LocalServer;
  beforeAll(async () => {
    frozen = await silentServer('hang');
    resetting = await silentServer('reset');
    plain = await localServer((_req, res) => res.end('{}'));
  });
  afterAll(async () => {
    await frozen.close();
    await resetting.close();
    await plain.close();
  });

  it('names a refused connection, with the service', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await failure(`${url}/xrpc/com.atproto.server.createSession`);
    expect(networkCause(err)?.kind).toBe('refused');
    expect(failedAt('Bluesky sign-in', `${url}/xrpc/x?token=secret`, err)).toBe(
      `Bluesky sign-in at ${url} failed: connection refused`,
    );
  });

  it('names a host that accepts and never answers as timed out', async () => {
    const err = await failure(`${frozen.url}/`);
    expect(networkCause(err)).toEqual({ kind: 'timed_out', text: 'timed out (no answer in time)' });
  });

  it('names a reset connection', async () => {
    expect(networkCause(await failure(`${resetting.url}/`))?.kind).toBe('reset');
  });

  it('names a TLS failure', async () => {
    const cause = networkCause(await failure(plain.url.replace('http:', 'https:')));
    expect(cause?.kind).toBe('tls');
    expect(cause?.text).toMatch(/^TLS: /);
  });

  it('names a name that does not resolve', async () => {
    expect(networkCause(await failure('http://passerelle-nowhere.invalid/'))?.kind).toBe('dns');
  });

  it('is null for what is not a network failure, and never invents one', () => {
    expect(networkCause(new Error('HTTP 500'))).toBeNull();
    expect(networkCause('just text')).toBeNull();
    expect(failedAt('Mastodon GET /api/v1/x', 'not a url', new Error('odd'))).toBe(
      'Mastodon GET /api/v1/x at not a url failed: odd',
    );
  });
});
