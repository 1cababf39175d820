// App-password sign-in and PDS calls go through the safe fetch: a PDS that redirects the sign-in
// elsewhere, a session whose DID document names a PDS on a refused address, a PDS that never
// answers, and a local PDS under the strict (production) policy are all refused before the
// request reaches anything. Local servers stand in for the PDS; 127.0.0.2 is the refused one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { type NetPolicy, STRICT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter, loginWithAppPassword } from '../../src/platforms/bluesky/adapter.ts';
import { PdsRefusedError } from '../../src/platforms/bluesky/errors.ts';
import { BlueskyLinkError, linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import { TransientPlatformError } from '../../src/platforms/types.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type LocalServer, localServer } from '../net/local-server.ts';

const DID = 'did:plc:saferefusal0000000000000';

/** Strict, except the entryway's own address (http, 127.0.0.1): every other local address is refused. */
const ENTRYWAY_ONLY: NetPolicy = { ...STRICT_POLICY, allowHttp: true, allowedAddresses: ['127.0.0.1'] };

// Sign-in is refused before any state is stored, so no database is reached.
const unusedDatabase = { kind: 'pglite' } as Database;

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A session as createSession answers it, its DID document naming `pds` as the account's PDS. */
function sessionFor(pds: string) {
  return {
    did: DID,
    handle: 'alice.test',
    accessJwt: 'access',
    refreshJwt: 'refresh',
    active: true,
    didDoc: {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: DID,
      alsoKnownAs: ['at://alice.test'],
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pds }],
    },
  };
}

describe('Bluesky app passwords over the safe fetch', () => {
  let refused: LocalServer;
  let redirecting: LocalServer;
  let entryway: LocalServer;
  let stalled: LocalServer;
  beforeAll(async () => {
    refused = await localServer((_req, res) => json(res, 200, sessionFor('http://127.0.0.2:9')), '127.0.0.2');
    redirecting = await localServer((req, res) => {
      res.writeHead(307, { location: `${refused.url}${req.path}` }).end();
    });
    entryway = await localServer((req, res) => {
      if (req.path.startsWith('/xrpc/com.atproto.server.createSession'))
        return json(res, 200, sessionFor(refused.url));
      json(res, 500, { error: 'InternalServerError', message: 'the entryway only signs in' });
    });
    stalled = await localServer(() => {});
  });
  afterAll(async () => {
    for (const server of [refused, redirecting, entryway, stalled]) await server?.close();
  });
  beforeEach(() => {
    for (const server of [refused, redirecting, entryway, stalled]) server.seen.length = 0;
  });

  it('never follows a sign-in redirected elsewhere: the app password stays with the PDS it was given to', async () => {
    const attempt = loginWithAppPassword(redirecting.url, 'alice.test', 'aaaa-bbbb-cccc-dddd', {
      policy: ENTRYWAY_ONLY,
    });
    await expect(attempt).rejects.toBeInstanceOf(PdsRefusedError);
    await expect(attempt).rejects.toThrow(/redirected a POST request/);
    expect(redirecting.seen.map((r) => r.path)).toEqual(['/xrpc/com.atproto.server.createSession']);
    expect(refused.seen).toEqual([]);
  });

  it('refuses the PDS a DID document names when it is a refused address; nothing reaches it', async () => {
    const session = await new BlueskyAdapter({ policy: ENTRYWAY_ONLY }).open(
      { id: 0, userId: 0, platform: 'bluesky', accountId: DID, handle: 'alice.test', instance: entryway.url },
      { kind: 'app-password', service: entryway.url, identifier: 'alice.test', appPassword: 'app-pass' },
    );
    await expect(session.listFollows()).rejects.toBeInstanceOf(PdsRefusedError);
    expect(entryway.seen).toHaveLength(1);
    expect(refused.seen).toEqual([]);
  });

  it('gives up on a PDS that never answers after the timeout', async () => {
    const attempt = loginWithAppPassword(stalled.url, 'alice.test', 'app-pass', {
      policy: ENTRYWAY_ONLY,
      timeoutMs: 300,
    });
    await expect(attempt).rejects.toBeInstanceOf(TransientPlatformError);
    expect(stalled.seen).toHaveLength(1);
  });

  it('linking under the strict policy refuses a local PDS with a clear message, and reaches nothing', async () => {
    const attempt = linkBlueskyWithAppPassword(unusedDatabase, ephemeralVault(), {
      userId: 1,
      service: entryway.url.replace('127.0.0.1', 'localhost'),
      identifier: 'alice.test',
      appPassword: 'app-pass',
    });
    await expect(attempt).rejects.toBeInstanceOf(BlueskyLinkError);
    await expect(attempt).rejects.toThrow(/cannot be reached from Passerelle.*public PDS over https/);
    expect(entryway.seen).toEqual([]);
  });
});
