// Bridgy Fed offers on the matches page: a person only on Bluesky sees their Mastodon-only
// contacts who are bridged, once the background look-up has answered; they filter, dismiss,
// restore and "reconnect all" like any match. The resolver is a fake injected in the web context.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BridgeConfig, BridgeResolver } from '../../src/directory/bridge.ts';
import { backgroundBridgeLookups } from '../../src/directory/bridge-lookups.ts';
import { createApp } from '../../src/web/app.ts';
import type { Matches } from '../../src/web/contracts.ts';
import { link, type Person, person } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const config: BridgeConfig = {
  apDomain: 'ap.bridge.test',
  bskyDomain: 'bsky.bridge.test',
  cacheSeconds: 3600,
};
const ANN = '9007199254740993101'; // on Mastodon only, bridged
const CID = '9007199254740993102'; // on Mastodon only, not bridged
const DEE = '9007199254740993103'; // on both networks
const GUS = '9007199254740993104'; // on Mastodon only, the bridge cannot be reached for him
const SKY = '9007199254740993105'; // on Bluesky only, bridged
const ANN_BRIDGED = 'ann-b.social.test.ap.bridge.test';
const ANN_ID = 'bluesky:did:plc:bridgedann';

/** The bridge as far as these tests need it: who is bridged, and every question asked. */
function fakeResolver() {
  const asked: string[] = [];
  const resolver: BridgeResolver = {
    async resolveBlueskyHandle(handle) {
      asked.push(handle);
      if (handle.startsWith('gus.')) throw new Error('bridge unreachable');
      return handle === ANN_BRIDGED ? 'did:plc:bridgedann' : null;
    },
    async fediverseAccountExists(acct) {
      asked.push(acct);
      return acct === 'sky.test@bsky.bridge.test';
    },
  };
  return { resolver, asked };
}

describeEachDatabase('web: bridged matches', (db) => {
  const fake = fakeResolver();
  const bridge = backgroundBridgeLookups(fake.resolver, config);
  const app = () => createApp({ database: db(), config: { cookieSecure: false }, bridge });

  beforeAll(async () => {
    await link(db(), await person(db(), ANN, { proven: true }), 'mastodon', 'Ann_B');
    await link(db(), await person(db(), CID, { proven: true }), 'mastodon', 'cid');
    await link(db(), await person(db(), GUS, { proven: true }), 'mastodon', 'gus');
    const dee = await person(db(), DEE, { proven: true });
    await link(db(), dee, 'mastodon', 'dee');
    await link(db(), dee, 'bluesky', 'dee');
    await link(db(), await person(db(), SKY, { proven: true }), 'bluesky', 'sky');
  });
  // Look-ups a last listing queued must not outlive the database.
  afterAll(() => bridge.stop());

  /** A signed-in person whose archive follows `following`, linked on `networks`. */
  async function member(xId: string, following: string[], networks: ('bluesky' | 'mastodon')[]) {
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    const upload = await browser.request('POST', '/api/archive', { body: archiveBody(xId, following, []) });
    expect(upload.status).toBe(200);
    const who: Person = { userId, xId };
    for (const network of networks) await link(db(), who, network, `m${xId.slice(-3)}`);
    return { browser, userId };
  }

  const matches = async (browser: TestBrowser, query = '') => {
    const res = await browser.request('GET', `/api/matches${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Matches;
  };
  const handles = (page: Matches) => page.items.map((m) => [m.network, m.handle, m.bridged, m.status]);

  it('lists a bridged contact once looked up in the background, filters, dismisses and restores it', async () => {
    const { browser } = await member('9007199254740993201', [ANN, CID, DEE, GUS], ['bluesky']);
    // The first listing reads the cache only: nothing bridged yet, the look-ups are queued.
    expect(handles(await matches(browser, '?network=bluesky'))).toEqual([
      ['bluesky', 'dee.test', false, 'suggested'],
    ]);
    await bridge.idle();
    expect(fake.asked.sort()).toEqual([
      ANN_BRIDGED,
      'cid.social.test.ap.bridge.test',
      'gus.social.test.ap.bridge.test',
    ]);

    const page = await matches(browser, '?network=bluesky');
    expect(handles(page)).toEqual([
      ['bluesky', 'dee.test', false, 'suggested'],
      ['bluesky', ANN_BRIDGED, true, 'suggested'],
    ]);
    expect((await matches(browser)).items).toHaveLength(2 + 4); // and the four on Mastodon itself
    expect(page.items[1]).toMatchObject({
      id: ANN_ID,
      xId: ANN,
      reason: 'you_followed_on_x',
      xUsername: `u${ANN}`,
    });
    // The summary counts people where they are: Ann is on Mastodon.
    expect(page.summary).toMatchObject({ onBluesky: 1, onMastodon: 4 });
    // Answers are cached, "not bridged" included; an unreachable bridge is asked again.
    await bridge.idle();
    expect(fake.asked.filter((a) => a !== 'gus.social.test.ap.bridge.test')).toHaveLength(2);
    expect(await db().query(`SELECT 1 FROM bridge_resolutions WHERE address LIKE 'gus.%'`)).toEqual([]);

    expect(handles(await matches(browser, '?filter=bridged'))).toEqual([
      ['bluesky', ANN_BRIDGED, true, 'suggested'],
    ]);
    expect((await matches(browser, '?network=mastodon')).items.some((m) => m.bridged)).toBe(false);
    expect((await matches(browser, '?network=bluesky&filter=bridged&q=ANN-B')).items).toHaveLength(1);
    expect((await matches(browser, '?filter=bridged&q=dee')).items).toEqual([]);
    expect((await matches(browser, '?filter=mutuals')).items).toEqual([]);

    const id = encodeURIComponent(ANN_ID);
    const dismissed = await browser.request('POST', `/api/matches/${id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(await dismissed.json()).toMatchObject({ id: ANN_ID, bridged: true, status: 'dismissed' });
    expect((await matches(browser, '?filter=bridged')).items).toEqual([]);
    expect(handles(await matches(browser, '?filter=dismissed'))).toEqual([
      ['bluesky', ANN_BRIDGED, true, 'dismissed'],
    ]);
    const restored = await browser.request('POST', `/api/matches/${id}/restore`);
    expect(await restored.json()).toMatchObject({ id: ANN_ID, status: 'suggested' });
    expect((await matches(browser, '?filter=bridged')).items).toHaveLength(1);
  });

  it('"reconnect all" turns bridged offers into follows on the linked network, dismissed ones excepted', async () => {
    const { browser, userId } = await member('9007199254740993202', [ANN, DEE], ['bluesky']);
    await matches(browser);
    await bridge.idle();
    expect(
      await (await browser.request('POST', '/api/reconnect', { body: { network: 'mastodon' } })).json(),
    ).toEqual({
      queued: 0,
    });
    expect(await (await browser.request('POST', '/api/reconnect', { body: {} })).json()).toEqual({
      queued: 2,
    });
    const tasks = await db().query<{ platform: string; target: string; target_x_id: string; state: string }>(
      `SELECT platform, target, target_x_id, state FROM follow_tasks WHERE user_id = $1 ORDER BY target`,
      [userId],
    );
    expect(tasks).toEqual([
      { platform: 'bluesky', target: 'did:plc:bridgedann', target_x_id: ANN, state: 'pending' },
      { platform: 'bluesky', target: 'did:plc:dee', target_x_id: DEE, state: 'pending' },
    ]);
    expect(handles(await matches(browser, '?filter=bridged'))).toEqual([
      ['bluesky', ANN_BRIDGED, true, 'queued'],
    ]);
    // A queued follow not yet sent can still be dismissed, and "reconnect all" leaves it so.
    expect((await browser.request('POST', `/api/matches/${encodeURIComponent(ANN_ID)}/dismiss`)).status).toBe(
      200,
    );
    expect(await (await browser.request('POST', '/api/reconnect', { body: {} })).json()).toEqual({
      queued: 0,
    });
    expect(handles(await matches(browser, '?filter=dismissed'))).toEqual([
      ['bluesky', ANN_BRIDGED, true, 'dismissed'],
    ]);

    const other = await member('9007199254740993203', [ANN], ['bluesky']);
    await matches(other.browser);
    await bridge.idle();
    expect(
      (await other.browser.request('POST', `/api/matches/${encodeURIComponent(ANN_ID)}/dismiss`)).status,
    ).toBe(200);
    expect(await (await other.browser.request('POST', '/api/reconnect', { body: {} })).json()).toEqual({
      queued: 0,
    });
  });

  it('offers nothing bridged without a bridge configured, to someone on both networks, or to a stranger', async () => {
    const { browser, userId } = await member('9007199254740993204', [ANN], ['bluesky']);
    await matches(browser);
    await bridge.idle();
    expect((await matches(browser, '?filter=bridged')).items).toHaveLength(1);

    // The same person on a server without the bridge: the cache alone offers nothing.
    const unbridged = new TestBrowser(createApp({ database: db(), config: { cookieSecure: false } }));
    for (const [k, v] of browser.cookies) unbridged.cookies.set(k, v);
    await unbridged.session();
    expect((await matches(unbridged)).items.map((m) => [m.handle, m.bridged])).toEqual([
      ['Ann_B@social.test', false],
    ]);
    const id = encodeURIComponent(ANN_ID);
    expect((await unbridged.request('POST', `/api/matches/${id}/dismiss`)).status).toBe(404);
    expect(
      await (await unbridged.request('POST', '/api/reconnect', { body: { network: 'bluesky' } })).json(),
    ).toEqual({
      queued: 0,
    });
    expect(await db().query('SELECT 1 FROM follow_tasks WHERE user_id = $1', [userId])).toEqual([]);

    // On both networks, Ann is a plain Mastodon match and nothing is looked up.
    const before = fake.asked.length;
    const both = await member('9007199254740993205', [ANN, CID], ['bluesky', 'mastodon']);
    const page = await matches(both.browser);
    await bridge.idle();
    expect(fake.asked.length).toBe(before);
    expect(page.items.every((m) => !m.bridged && m.network === 'mastodon')).toBe(true);

    // Someone who never followed Ann cannot touch her bridged offer; anonymous callers get 401.
    const stranger = await member('9007199254740993206', [CID], ['bluesky']);
    expect((await stranger.browser.request('POST', `/api/matches/${id}/dismiss`)).status).toBe(404);
    const anonymous = new TestBrowser(app());
    await anonymous.session();
    expect((await anonymous.request('GET', '/api/matches?filter=bridged')).status).toBe(401);
  });

  it('offers a Bluesky contact to a Mastodon-only person at its bridged address, in the list and the CSV', async () => {
    const { browser } = await member('9007199254740993207', [SKY, ANN], ['mastodon']);
    await matches(browser);
    await bridge.idle();
    expect(handles(await matches(browser, '?filter=bridged'))).toEqual([
      ['mastodon', 'sky.test@bsky.bridge.test', true, 'suggested'],
    ]);
    const csv = await (await browser.request('GET', '/api/matches/mastodon.csv')).text();
    expect(csv.split('\n').slice(1)).toEqual([
      'Ann_B@social.test,true,false,',
      'sky.test@bsky.bridge.test,true,false,',
      '',
    ]);
  });
});
