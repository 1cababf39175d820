// The Bluesky OAuth client makes its requests (handle and DID resolution, metadata, tokens)
// through the safe fetch: under a strict policy it never reaches a local address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { DEVELOPMENT_POLICY, STRICT_POLICY } from '../../src/net/policy.ts';
import { createBlueskyOAuthClient, loopbackClientMetadata } from '../../src/platforms/bluesky/oauth.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type LocalServer, localServer } from '../net/local-server.ts';

// Resolution fails before any state is stored, so no database is reached.
const unusedDatabase = { kind: 'pglite' } as Database;

describe('the Bluesky OAuth client over the safe fetch', () => {
  let resolver: LocalServer;
  beforeAll(async () => {
    resolver = await localServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'InvalidRequest', message: 'Unable to resolve handle' }));
    });
  });
  afterAll(() => resolver.close());

  const client = (netPolicy = STRICT_POLICY) =>
    createBlueskyOAuthClient(unusedDatabase, ephemeralVault(), {
      clientMetadata: loopbackClientMetadata('http://127.0.0.1:9/oauth/bluesky/callback'),
      handleResolver: resolver.url,
      allowHttp: true,
      netPolicy: { ...netPolicy, allowHttp: true },
    });

  it('never reaches a handle resolver on a local address under the strict policy', async () => {
    await expect(client().authorize('alice.test')).rejects.toThrow();
    expect(resolver.seen).toHaveLength(0);
    // The development policy reaches it (and the handle is unknown there).
    await expect(client(DEVELOPMENT_POLICY).authorize('alice.test')).rejects.toThrow();
    expect(resolver.seen.map((r) => r.path)).toEqual([
      '/xrpc/com.atproto.identity.resolveHandle?handle=alice.test',
    ]);
  });
});
