// The public profile look-ups over HTTP, against local servers standing in for an AppView and a
// Mastodon server: batches, "no such account", only https avatars kept, no redirect followed,
// and a server address from outside refused under the strict policy. Also the Mastodon server
// list an operator may edit: a bad file says what to fix.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_POLICY, STRICT_POLICY } from '../../src/net/policy.ts';
import { httpProfileResolver } from '../../src/profiles/lookup.ts';
import { cleanDisplayName } from '../../src/profiles/store.ts';
import { DEFAULT_INSTANCES, readInstanceList, suggestedInstances } from '../../src/share/instances.ts';
import { type LocalServer, localServer } from '../net/local-server.ts';

let appview: LocalServer;
let mastodon: LocalServer;
let tmp: string;

beforeAll(async () => {
  appview = await localServer((req, res) => {
    const url = new URL(req.path, 'http://x');
    if (url.pathname !== '/xrpc/app.bsky.actor.getProfiles') return res.writeHead(404).end();
    const profiles = url.searchParams
      .getAll('actors')
      .filter((did) => did !== 'did:plc:gone')
      .map((did) => ({
        did,
        handle: `${did.slice(8)}.test`,
        displayName: did === 'did:plc:plain' ? undefined : `Name\u202e of ${did.slice(8)}`,
        avatar: did === 'did:plc:insecure' ? 'http://cdn.test/a.jpg' : `https://cdn.test/${did}.jpg`,
      }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ profiles }));
  });
  mastodon = await localServer((req, res) => {
    const url = new URL(req.path, 'http://x');
    const acct = url.searchParams.get('acct');
    if (url.pathname !== '/api/v1/accounts/lookup') return res.writeHead(404).end();
    if (acct === 'moved') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    if (acct !== 'alice') return res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        display_name: 'Alice',
        avatar: 'https://m.test/a.png',
        avatar_static: 'https://m.test/s.png',
      }),
    );
  });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-instances-'));
});
afterAll(async () => {
  await appview.close();
  await mastodon.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('profile look-ups', () => {
  const resolver = (policy = DEVELOPMENT_POLICY) =>
    httpProfileResolver({
      blueskyService: appview.url,
      policy,
      timeoutMs: 3000,
      mastodonBase: () => mastodon.url,
    });
  const host = () => new URL(mastodon.url).host;

  it('asks Bluesky for a batch at once and keeps only https avatars and clean names', async () => {
    const found = await resolver().bluesky([
      'did:plc:ann',
      'did:plc:gone',
      'did:plc:insecure',
      'did:plc:plain',
    ]);
    expect(appview.seen.filter((s) => s.path.includes('getProfiles'))).toHaveLength(1);
    expect(found.get('did:plc:ann')).toEqual({
      displayName: 'Name of ann',
      avatar: 'https://cdn.test/did:plc:ann.jpg',
    });
    expect(found.get('did:plc:insecure')?.avatar).toBeNull();
    expect(found.get('did:plc:plain')?.displayName).toBeNull();
    expect(found.has('did:plc:gone')).toBe(false);
  });

  it('looks a Mastodon account up on its own server; no account is null; a redirect is not followed', async () => {
    expect(await resolver().mastodon(`alice@${host()}`)).toEqual({
      displayName: 'Alice',
      avatar: 'https://m.test/s.png',
    });
    expect(await resolver().mastodon(`nobody@${host()}`)).toBeNull();
    await expect(resolver().mastodon(`moved@${host()}`)).rejects.toThrow(/HTTP 302/);
    expect(await resolver().mastodon('not an address')).toBeNull();
    // Under the production policy a server on a private address is never reached.
    const before = mastodon.seen.length;
    await expect(resolver(STRICT_POLICY).mastodon(`alice@${host()}`)).rejects.toThrow();
    const strict = httpProfileResolver({ blueskyService: appview.url, policy: STRICT_POLICY });
    await expect(strict.mastodon(`alice@${host()}`)).rejects.toThrow();
    expect(mastodon.seen.length).toBe(before);
  });

  it('strips control and direction-changing characters from names', () => {
    expect(cleanDisplayName('  a\u0000b\u202ec\n ')).toBe('abc');
    expect(cleanDisplayName(42)).toBeNull();
    expect(cleanDisplayName('x'.repeat(500))?.length).toBe(120);
  });
});

describe('Mastodon servers to suggest', () => {
  it('reads the committed list, puts the page language first and leaves closed sign-ups out', () => {
    expect(DEFAULT_INSTANCES.length).toBeGreaterThan(3);
    const list = [
      { host: 'closed.example', languages: ['fr'], topics: ['general' as const], signups: 'closed' as const },
      { host: 'en.example', languages: ['en'], topics: ['general' as const], signups: 'open' as const },
      { host: 'fr.example', languages: ['fr'], topics: ['art' as const], signups: 'approval' as const },
    ];
    expect(suggestedInstances(list, 'fr').map((i) => i.host)).toEqual(['fr.example', 'en.example']);
    expect(suggestedInstances(list, 'de').map((i) => i.host)).toEqual(['en.example', 'fr.example']);
  });

  it('refuses a bad operator file with what to fix', async () => {
    const notJson = path.join(tmp, 'bad.json');
    await writeFile(notJson, '[{ host: ');
    expect(() => readInstanceList(notJson)).toThrow(/cannot be read as JSON/);
    const badTopic = path.join(tmp, 'topic.json');
    await writeFile(
      badTopic,
      JSON.stringify([{ host: 'a.example', languages: ['fr'], topics: ['free text'], signups: 'open' }]),
    );
    expect(() => readInstanceList(badTopic)).toThrow(/not valid at 0\.topics\.0/);
    expect(() => readInstanceList(path.join(tmp, 'missing.json'))).toThrow(/cannot be read/);
  });
});
