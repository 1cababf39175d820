// Bringing one's people along, over the API: "here" counted once and the same on the pledge,
// matches, progress and landing answers; matches in pages; who a match was on X and their new
// profile (cached, looked up in the background); the opt-in public page /@x_username; the
// suggested Mastodon servers; the landing and statistics figures from one reading.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { backgroundProfileLookups } from '../../src/profiles/background.ts';
import type { ProfileResolver } from '../../src/profiles/lookup.ts';
import { createApp } from '../../src/web/app.ts';
import type { Match, Matches, Progress } from '../../src/web/contracts.ts';
import { saidYesToBeingFound } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const BOB_X = '9007199254740994000';
const FRIENDS = Array.from({ length: 7 }, (_, i) => `900719925474099410${i}`);
const STRANGER_X = '9007199254740994200'; // an operator-imported entry; their X name is unproven
const NOT_ON_X_DIRECTORY = '9007199254740994300';

/** A proven person on Bluesky (and Mastodon for the first), in the directory. */
async function friend(database: Database, xId: string, index: number): Promise<number> {
  const [row] = await database.query<{ id: number }>(
    `INSERT INTO users (x_account_id, x_proven_at) VALUES ($1, now()) RETURNING id::int AS id`,
    [xId],
  );
  const id = row?.id as number;
  await saidYesToBeingFound(database, id);
  await database.query(`INSERT INTO x_accounts (id, username, display_name) VALUES ($1, $2, $3)`, [
    xId,
    `friend${index}`,
    `Friend ${index}`,
  ]);
  await database.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, credentials)
     VALUES ($1, 'bluesky', $2, $3, 'sealed')`,
    [id, `did:plc:friend${index}`, `friend${index}.test`],
  );
  if (index === 0)
    await database.query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, credentials)
       VALUES ($1, 'mastodon', 'mastodon.example:1', 'friend0@mastodon.example', 'https://mastodon.example', 'sealed')`,
      [id],
    );
  await onUserChanged(database, id);
  return id;
}

/** Profiles as a network would answer, and every question asked. */
function fakeResolver() {
  const asked: string[] = [];
  let down = false;
  const resolver: ProfileResolver = {
    async bluesky(dids) {
      asked.push(...dids);
      if (down) throw new Error('AppView unreachable');
      return new Map(
        dids
          .filter((did) => did !== 'did:plc:friend6')
          .map((did) => [
            did,
            { displayName: `Name of ${did.slice(8)}`, avatar: `https://cdn.test/${did}.jpg` },
          ]),
      );
    },
    async mastodon(acct) {
      asked.push(acct);
      if (down) throw new Error('server unreachable');
      return { displayName: 'Friend Zero', avatar: null };
    },
  };
  return {
    resolver,
    asked,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

describeEachDatabase('web: bring your people', (db) => {
  const fake = fakeResolver();
  const profiles = backgroundProfileLookups(fake.resolver, 3600);
  let staticDir: string;
  let app: ReturnType<typeof createApp>;
  let bob: TestBrowser;
  let bobId: number;

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-spa-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Passerelle</title>');
    app = createApp({ database: db(), config: { cookieSecure: false }, profiles, staticDir });
    for (const [i, xId] of FRIENDS.entries()) await friend(db(), xId, i);
    // An operator's trusted import: the X id's name comes from an unproven archive.
    await db().query(`INSERT INTO x_accounts (id, username) VALUES ($1, 'notproven')`, [STRANGER_X]);
    await db().query(
      `INSERT INTO directory_entries (x_id, platform, target, handle, source, trusted, usable, usable_since)
       VALUES ($1, 'bluesky', 'did:plc:stranger', 'stranger.test', 'import', true, true, now()),
              ($2, 'bluesky', 'did:plc:untrusted', 'untrusted.test', 'import', false, false, NULL)`,
      [STRANGER_X, NOT_ON_X_DIRECTORY],
    );
    bob = new TestBrowser(app);
    bobId = await bob.signIn();
    const following = [...FRIENDS, STRANGER_X, NOT_ON_X_DIRECTORY, '1', '2', '3'];
    expect(
      (await bob.request('POST', '/api/archive', { body: archiveBody(BOB_X, following, ['4']) })).status,
    ).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await profiles.stop();
    await rm(staticDir, { recursive: true, force: true });
  });

  const get = async <T>(browser: TestBrowser, url: string) => {
    const res = await browser.request('GET', url);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  };
  const allPages = async (query = '') => {
    const items: Match[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: Matches = await get<Matches>(
        bob,
        `/api/matches?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}${query}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    }
    return { items, pages };
  };

  it('counts "here" once: the pledge, matches, progress and landing answers agree, whatever the follow state', async () => {
    // One match dismissed, one followed already: both are still people who are here.
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target, target_x_id, state)
       VALUES ($1, 'bluesky', 'did:plc:friend1', $2, 'dismissed'), ($1, 'bluesky', 'did:plc:friend2', $3, 'done')`,
      [bobId, FRIENDS[1], FRIENDS[2]],
    );
    const pledge = await get<{ progress: Record<string, number> }>(bob, '/api/pledge');
    const matches = await get<Matches>(bob, '/api/matches');
    const progress = await get<Progress>(bob, '/api/progress');
    // 7 friends + the trusted import; the untrusted entry and the unknown ids are not here.
    const expected = { following: 12, here: 8, onBluesky: 8, onMastodon: 1 };
    expect(pledge.progress).toEqual(expected);
    expect(progress.here).toEqual(expected);
    const { followersHere: _, ...summary } = matches.summary;
    expect(summary).toEqual(expected);
  });

  it('pages through the matches with a cursor: every match once, in a stable order', async () => {
    const first = await get<Matches>(bob, '/api/matches?limit=3');
    expect(first.total).toBe(8);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const { items, pages } = await allPages();
    expect(pages).toBe(3);
    expect(new Set(items.map((m) => m.id)).size).toBe(8);
    const order = items.map((m) => `${m.network} ${m.handle}`);
    expect(order).toEqual([...order].sort());
    // Dismissed ones are behind their own filter, paged the same way.
    expect((await allPages('&filter=dismissed')).items.map((m) => m.handle)).toEqual(['friend1.test']);
    // Bad input: an invented cursor, or pages too large.
    const bad = await bob.request('GET', '/api/matches?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_CURSOR');
    expect((await bob.request('GET', '/api/matches?limit=500')).status).toBe(400);
    expect((await bob.request('GET', '/api/matches?limit=0')).status).toBe(400);
  });

  it('says who a match was on X only for a proven, discoverable account', async () => {
    const { items } = await allPages();
    const byHandle = new Map(items.map((m) => [m.handle, m]));
    expect(byHandle.get('friend3.test')).toMatchObject({ xUsername: 'friend3', xDisplayName: 'Friend 3' });
    // The import's X name comes from nobody's proof: not shown.
    expect(byHandle.get('stranger.test')).toMatchObject({ xUsername: null, xDisplayName: null });
    // A friend who withdraws "find me" leaves everyone's matches, name included.
    const [friend4] = await db().query<{ id: number }>(
      'SELECT id::int AS id FROM users WHERE x_account_id = $1',
      [FRIENDS[4]],
    );
    await db().query(`UPDATE user_consents SET discoverable = false WHERE user_id = $1`, [friend4?.id]);
    await onUserChanged(db(), friend4?.id as number);
    expect((await allPages()).items.some((m) => m.xUsername === 'friend4')).toBe(false);
    await db().query(`UPDATE user_consents SET discoverable = true WHERE user_id = $1`, [friend4?.id]);
    await onUserChanged(db(), friend4?.id as number);
  });

  it('fills profiles in the background: the listing never waits, answers are cached until they expire', async () => {
    await profiles.idle();
    await db().query('DELETE FROM network_profiles');
    fake.asked.length = 0;
    // Every match, the dismissed one (from the first test) included.
    const everyMatch = async () => [
      ...(await allPages()).items,
      ...(await allPages('&filter=dismissed')).items,
    ];
    const first = { items: await everyMatch() };
    // The listing answered from the empty cache; the look-ups were queued.
    expect(first.items.every((m) => m.profile === null)).toBe(true);
    await profiles.idle();
    const looked = fake.asked.length;
    expect(looked).toBe(9); // 8 Bluesky accounts + 1 Mastodon, each asked once
    const byHandle = new Map((await everyMatch()).map((m) => [m.handle, m]));
    expect(byHandle.get('friend3.test')?.profile).toEqual({
      displayName: 'Name of friend3',
      avatar: 'https://cdn.test/did:plc:friend3.jpg',
    });
    expect(byHandle.get('friend0@mastodon.example')?.profile).toEqual({
      displayName: 'Friend Zero',
      avatar: null,
    });
    // "No such account" is cached too, and shows no profile.
    expect(byHandle.get('friend6.test')?.profile).toBeNull();
    await profiles.idle();
    expect(fake.asked).toHaveLength(looked);
    // Expired answers still show, and are asked again in the background; a failure caches nothing.
    await db().query(`UPDATE network_profiles SET checked_at = now() - interval '2 hours'`);
    fake.setDown(true);
    const stale = await everyMatch();
    expect(stale.find((m) => m.handle === 'friend3.test')?.profile?.displayName).toBe('Name of friend3');
    await profiles.idle();
    expect(fake.asked.length).toBeGreaterThan(looked);
    const [old] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM network_profiles WHERE checked_at < now() - interval '1 hour'`,
    );
    expect(old?.n).toBe(9);
    fake.setDown(false);
  });

  it('serves the public page only once its proven owner turns it on, and nothing private', async () => {
    const friend = new TestBrowser(app);
    const friendId = await friend.signIn();
    const pageStatus = async (name: string) =>
      (await new TestBrowser(app).request('GET', `/@${name}`)).status;
    expect((await friend.request('GET', '/api/share')).status).toBe(200);
    // Bob's X account is not proven: no page under his name, whatever he asks.
    const refused = await bob.request('PUT', '/api/share/public-page', { body: { enabled: true } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'PUBLIC_PAGE_UNAVAILABLE',
    );
    // A proven person: off by default, 404 everywhere until turned on.
    await db().query(`UPDATE users SET x_account_id = NULL WHERE x_account_id = $1`, [FRIENDS[5]]);
    await db().query(`UPDATE users SET x_account_id = $2, x_proven_at = now() WHERE id = $1`, [
      friendId,
      FRIENDS[5],
    ]);
    await db().query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, credentials)
       VALUES ($1, 'mastodon', 'social.example:5', 'five@social.example', 'https://social.example', 'sealed')`,
      [friendId],
    );
    const share = await get<{ username: string; publicPage: boolean }>(friend, '/api/share');
    expect(share).toMatchObject({ username: 'friend5', publicPage: false });
    expect((await new TestBrowser(app).request('GET', '/api/people/friend5')).status).toBe(404);
    expect(await pageStatus('friend5')).toBe(404);
    // Without the CSRF token nothing changes.
    expect(
      (await friend.request('PUT', '/api/share/public-page', { body: { enabled: true }, csrf: false }))
        .status,
    ).toBe(403);
    expect(await pageStatus('friend5')).toBe(404);
    const on = await friend.request('PUT', '/api/share/public-page', { body: { enabled: true } });
    expect(on.status).toBe(200);
    const visitor = new TestBrowser(app);
    const page = await get<Record<string, unknown>>(visitor, '/api/people/FRIEND5');
    expect(page).toEqual({
      username: 'friend5',
      accounts: [
        {
          platform: 'mastodon',
          handle: 'five@social.example',
          url: 'https://social.example/@five',
          instance: 'https://social.example',
        },
      ],
    });
    expect(await pageStatus('friend5')).toBe(200);
    expect(await pageStatus('nobody_here')).toBe(404);
    expect(await pageStatus('not-a-username')).toBe(404);
    expect((await visitor.request('GET', '/api/people/%3Cscript%3E')).status).toBe(404);
    // Turned off again: gone.
    expect((await friend.request('PUT', '/api/share/public-page', { body: { enabled: false } })).status).toBe(
      200,
    );
    expect((await visitor.request('GET', '/api/people/friend5')).status).toBe(404);
    expect(await pageStatus('friend5')).toBe(404);
  });

  it('suggests Mastodon servers in the page language first, never one with closed sign-ups', async () => {
    const fr = await get<{ instances: { host: string; languages: string[]; signups: string }[] }>(
      new TestBrowser(app),
      '/api/mastodon/instances?lang=fr',
    );
    expect(fr.instances.length).toBeGreaterThan(2);
    expect(fr.instances[0]?.languages).toContain('fr');
    expect(fr.instances.every((i) => i.signups !== 'closed')).toBe(true);
    expect((await new TestBrowser(app).request('GET', '/api/mastodon/instances?lang=../etc')).status).toBe(
      400,
    );
  });

  it('gives the landing counters and the statistics chart from one reading, the chart never above them', async () => {
    const visitor = new TestBrowser(app);
    const stats = await get<{ users: number; archives: number; connections: Record<string, number> }>(
      visitor,
      '/api/stats',
    );
    const history = await get<Record<string, number[]>>(visitor, '/api/stats/history');
    expect(stats.users).toBeGreaterThan(0);
    // The chart counts only the people who agreed to public statistics (test/web/public-stats-consent).
    expect(history.users?.at(-1) ?? 0).toBeLessThanOrEqual(stats.users);
    expect(history.archives?.at(-1) ?? 0).toBeLessThanOrEqual(stats.archives);
    expect(history.bluesky?.at(-1) ?? 0).toBeLessThanOrEqual(stats.connections.bluesky ?? 0);
    expect(history.mastodon?.at(-1) ?? 0).toBeLessThanOrEqual(stats.connections.mastodon ?? 0);
  });
});
