import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeConfig, bridgedMatchesForUser, planBridgedTasks } from '../../src/directory/bridge.ts';
import { httpBridgeResolver } from '../../src/directory/bridge-http.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { MASTODON_CSV_HEADER, mastodonFollowsCsv } from '../../src/directory/export.ts';
import { dismissMatch } from '../../src/directory/matching.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { link, person, tasks } from './fixtures.ts';

const config: BridgeConfig = {
  apDomain: 'ap.bridge.test',
  bskyDomain: 'bsky.bridge.test',
  cacheSeconds: 3600,
};

// A local bridge peer: answers resolveHandle for the bridged Bluesky handles and WebFinger for
// the bridged fediverse addresses it knows, 400 / 404 for everyone else (as Bridgy Fed does).
const bridgedHandles = new Map<string, string>();
const bridgedAccts = new Set<string>();
let requests = 0;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://peer');
    if (
      url.searchParams.get('handle') === 'moved.test' ||
      url.searchParams.get('resource') === 'acct:moved@peer.test'
    ) {
      return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    }
    if (url.pathname === '/xrpc/com.atproto.identity.resolveHandle') {
      const did = bridgedHandles.get(url.searchParams.get('handle') ?? '');
      res.writeHead(did ? 200 : 400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(did ? { did } : { error: 'InvalidRequest', message: 'Unable to resolve handle' }),
      );
      return;
    }
    if (url.pathname === '/.well-known/webfinger') {
      const acct = (url.searchParams.get('resource') ?? '').replace(/^acct:/, '');
      if (!bridgedAccts.has(acct)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/jrd+json' });
      res.end(
        JSON.stringify({
          subject: `acct:${acct}`,
          links: [{ rel: 'self', type: 'application/activity+json', href: 'x' }],
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 0; // never close an idle socket a client is about to reuse
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

const resolver = () => httpBridgeResolver({ handleService: base, webfingerBase: () => base });

describeEachDatabase('Bridgy Fed offers and Mastodon export', (db) => {
  it('offers Mastodon-only contacts to a Bluesky-only user through the bridge, only when bridged', async () => {
    const both = await person(db(), '50', { proven: true });
    await link(db(), both, 'bluesky');
    await link(db(), both, 'mastodon');
    const bridgedOne = await person(db(), '51', { proven: true });
    await link(db(), bridgedOne, 'mastodon', 'Ann_B');
    const notBridged = await person(db(), '52', { proven: true });
    await link(db(), notBridged, 'mastodon');
    bridgedHandles.set('ann-b.social.test.ap.bridge.test', 'did:plc:bridgedann');
    const me = await person(db(), '53', { following: ['50', '51', '52'] });
    await link(db(), me, 'bluesky');

    const offers = await bridgedMatchesForUser(db(), me.userId, resolver(), config);
    expect(offers).toMatchObject([
      {
        platform: 'bluesky',
        xId: '51',
        target: 'did:plc:bridgedann',
        handle: 'ann-b.social.test.ap.bridge.test',
        bridged: true,
        reason: 'followed',
        status: 'proposed',
      },
    ]);
    const seen = requests;
    await bridgedMatchesForUser(db(), me.userId, resolver(), config);
    expect(requests).toBe(seen); // answers (including "not bridged") are cached

    await setConsents(db(), me.userId, { autoFollow: true });
    expect(await planBridgedTasks(db(), me.userId, resolver(), config)).toBe(1);
    expect((await tasks(db(), me.userId)).map((t) => t.target).sort()).toEqual([
      'did:plc:bridgedann',
      'did:plc:p50',
    ]);
    expect(await planBridgedTasks(db(), me.userId, resolver(), config)).toBe(0);
  });

  it('offers Bluesky-only contacts to a Mastodon-only user as @handle@bsky bridge, and exports the CSV', async () => {
    const sky = await person(db(), '60', { proven: true });
    await link(db(), sky, 'bluesky', 'sky');
    const masto = await person(db(), '61', { proven: true });
    await link(db(), masto, 'mastodon', 'masto');
    const gone = await person(db(), '62', { proven: true });
    const goneAcct = await link(db(), gone, 'mastodon', 'gone');
    bridgedAccts.add('sky.test@bsky.bridge.test');
    const me = await person(db(), '63', { following: ['60', '61', '62'] });
    await link(db(), me, 'mastodon');
    await dismissMatch(db(), me.userId, 'mastodon', goneAcct);

    const offers = await bridgedMatchesForUser(db(), me.userId, resolver(), config);
    expect(offers.map((o) => [o.platform, o.target, o.bridged])).toEqual([
      ['mastodon', 'sky.test@bsky.bridge.test', true],
    ]);
    expect(await mastodonFollowsCsv(db(), me.userId, offers)).toBe(
      `${MASTODON_CSV_HEADER}\nmasto@social.test,true,false,\nsky.test@bsky.bridge.test,true,false,\n`,
    );
    expect(await mastodonFollowsCsv(db(), me.userId)).toBe(
      `${MASTODON_CSV_HEADER}\nmasto@social.test,true,false,\n`,
    );
  });

  it('offers nothing through the bridge when the bridge cannot be reached', async () => {
    const far = await person(db(), '70', { proven: true });
    await link(db(), far, 'mastodon', 'far');
    const me = await person(db(), '71', { following: ['70'] });
    await link(db(), me, 'bluesky');
    const down = httpBridgeResolver({ handleService: 'http://127.0.0.1:9', timeoutMs: 500 });
    expect(await bridgedMatchesForUser(db(), me.userId, down, config)).toEqual([]);
    expect(await db().query(`SELECT 1 FROM bridge_resolutions WHERE address LIKE 'far.%'`)).toEqual([]);
  });
});

describe('the HTTP bridge resolver', () => {
  it('follows no redirect, for handles and WebFinger alike', async () => {
    await expect(resolver().resolveBlueskyHandle('moved.test')).rejects.toThrow(/redirect/);
    await expect(resolver().fediverseAccountExists('moved@peer.test')).rejects.toThrow(/redirect/);
  });

  it('never sends WebFinger to a private or loopback address, nor to something that is no address', async () => {
    const strict = httpBridgeResolver({ handleService: base, timeoutMs: 500 });
    const seen = requests;
    await expect(strict.fediverseAccountExists('bob@localhost:8080')).rejects.toThrow(/private or local/);
    await expect(strict.fediverseAccountExists('bob@10.0.0.1:443')).rejects.toThrow(/private or local/);
    expect(await strict.fediverseAccountExists('bob@evil.example@bsky.bridge.test')).toBe(false);
    expect(await strict.fediverseAccountExists('bob@127.0.0.1')).toBe(false);
    expect(requests).toBe(seen);
  });
});
