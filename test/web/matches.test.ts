// The matches, reconnect, consents, CSV and progress routes over a small directory: Alice
// (proven on X, on Mastodon and Bluesky) and Bob, whose archive says he followed her on X.
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { clearActivation, setActivation } from '../../src/directory/activation.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import type { Matches, Progress } from '../../src/web/contracts.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const ALICE_X = '9007199254740993001';
const BOB_X = '9007199254740993002';

async function prove(database: Database, userId: number, xId: string): Promise<void> {
  await database.query(`INSERT INTO x_accounts (id, username) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
    xId,
    `u${xId.slice(-3)}`,
  ]);
  await database.query(`UPDATE users SET x_account_id = $2, x_proven_at = now() WHERE id = $1`, [
    userId,
    xId,
  ]);
}

async function link(database: Database, userId: number, platform: string, handle: string, accountId: string) {
  await database.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance, credentials)
     VALUES ($1, $2, $3, $4, $5, 'sealed')`,
    [userId, platform, accountId, handle, platform === 'mastodon' ? 'https://mastodon.example' : null],
  );
  await onUserChanged(database, userId);
}

describeEachDatabase('web: matches, reconnect, consents, progress', (db) => {
  let app: ReturnType<typeof createApp>;
  let alice: TestBrowser;
  let bob: TestBrowser;
  let bobId: number;

  beforeAll(async () => {
    app = createApp({
      database: db(),
      config: {
        cookieSecure: false,
        rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never,
      },
    });
    alice = new TestBrowser(app);
    const aliceId = await alice.signIn();
    await prove(db(), aliceId, ALICE_X);
    await link(db(), aliceId, 'mastodon', 'alice@mastodon.example', 'mastodon.example:1');
    await link(db(), aliceId, 'bluesky', 'alice.test', 'did:plc:alice');
    // Alice answers the sign-up's question: the people who followed her on X may find her.
    expect((await alice.request('PUT', '/api/consents', { body: { discoverable: true } })).status).toBe(200);
    bob = new TestBrowser(app);
    bobId = await bob.signIn();
    expect(
      (await bob.request('POST', '/api/archive', { body: archiveBody(BOB_X, [ALICE_X, '5'], ['6']) })).status,
    ).toBe(200);
    await prove(db(), bobId, BOB_X);
    await link(db(), bobId, 'mastodon', 'bob@mastodon.example', 'mastodon.example:2');
    expect((await bob.request('PUT', '/api/consents', { body: { discoverable: true } })).status).toBe(200);
  });

  const matches = async (browser: TestBrowser, query = '') =>
    (await (await browser.request('GET', `/api/matches${query}`)).json()) as Matches;

  it('lists matches per network with reason and status, filters them, and dismisses/restores one', async () => {
    const page = await matches(bob);
    expect(page.summary).toEqual({ following: 2, here: 1, onBluesky: 1, onMastodon: 1, followersHere: 0 });
    expect(page.autoMode).toBe(false);
    expect(page.items.map((m) => [m.network, m.handle, m.reason, m.status, m.xId]).sort()).toEqual([
      ['bluesky', 'alice.test', 'you_followed_on_x', 'suggested', ALICE_X],
      ['mastodon', 'alice@mastodon.example', 'you_followed_on_x', 'suggested', ALICE_X],
    ]);
    expect((await matches(bob, '?network=mastodon')).items).toHaveLength(1);
    expect((await matches(bob, '?filter=mutuals')).items).toHaveLength(0);
    expect((await matches(bob, '?q=ALICE.T')).items).toHaveLength(1);
    expect((await bob.request('GET', '/api/matches?filter=everything')).status).toBe(400);

    const id = encodeURIComponent('mastodon:alice@mastodon.example');
    const dismissed = await bob.request('POST', `/api/matches/${id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(((await dismissed.json()) as { status: string }).status).toBe('dismissed');
    expect((await matches(bob, '?network=mastodon')).items).toHaveLength(0);
    expect((await matches(bob, '?filter=dismissed')).items.map((m) => m.id)).toEqual([
      'mastodon:alice@mastodon.example',
    ]);
    const restored = await bob.request('POST', `/api/matches/${id}/restore`);
    expect(((await restored.json()) as { status: string }).status).toBe('suggested');
    expect(
      (await bob.request('POST', `/api/matches/${encodeURIComponent('mastodon:nobody@x.example')}/dismiss`))
        .status,
    ).toBe(404);
    expect((await bob.request('POST', '/api/matches/garbage/dismiss')).status).toBe(404);

    // Alice has her own view: Bob, who followed her on X, and nothing of Bob's list.
    const hers = await matches(alice);
    expect(hers.summary).toEqual({ following: 0, here: 0, onBluesky: 0, onMastodon: 0, followersHere: 1 });
    expect(hers.items.map((m) => [m.handle, m.reason, m.xUsername])).toEqual([
      ['bob@mastodon.example', 'followed_you_on_x', `user${BOB_X}`],
    ]);
    expect((await matches(alice, '?filter=followed_you')).items).toHaveLength(1);
  });

  it('downloads the Mastodon CSV for the importer', async () => {
    const res = await bob.request('GET', '/api/matches/mastodon.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await res.text()).toBe(
      'Account address,Show boosts,Notify on new posts,Languages\nalice@mastodon.example,true,false,\n',
    );
  });

  it('reconnect all queues only linked networks, holds until activation day, and shows progress', async () => {
    await setActivation(db(), new Date(Date.now() + 86_400_000));
    let released: number;
    try {
      const held = await bob.request('POST', '/api/reconnect', { body: {} });
      expect(await held.json()).toEqual({ queued: 1 });
      const states = await db().query<{ platform: string; state: string }>(
        'SELECT platform, state FROM follow_tasks WHERE user_id = $1',
        [bobId],
      );
      expect(states).toEqual([{ platform: 'mastodon', state: 'held' }]);
      // Bob is in manual mode, and he asked: the switch-on starts his follow, and says so.
      const page = await matches(bob, '?network=mastodon');
      expect(page.items.map((m) => m.status)).toEqual(['held']);
      expect(page.activation?.heldFollows).toBe(1);
      const waiting = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
      expect(waiting.networks[0]).toMatchObject({ network: 'mastodon', held: 1, queued: 0 });
    } finally {
      released = await clearActivation(db());
    }
    expect(released).toBe(1);
    // Already queued: asking again plans nothing twice.
    expect(
      await (await bob.request('POST', '/api/reconnect', { body: { network: 'mastodon' } })).json(),
    ).toEqual({
      queued: 0,
    });
    const m = (await matches(bob, '?network=mastodon')).items[0];
    expect(m?.status).toBe('queued');

    const progress = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
    expect(progress.networks).toEqual([
      expect.objectContaining({
        network: 'mastodon',
        done: 0,
        queued: 1,
        held: 0,
        waiting: 0,
        needsReauth: false,
      }),
    ]);
    expect(progress.networks[0]?.estimatedFinish).toEqual(expect.any(String));
    await db().query(`UPDATE follow_tasks SET state = 'done' WHERE user_id = $1`, [bobId]);
    await db().query(
      `UPDATE follow_schedules SET parked_until = now() + interval '1 hour', park_reason = 'rate_limited' WHERE user_id = $1`,
      [bobId],
    );
    await db().query(`UPDATE linked_accounts SET status = 'needs_reauth' WHERE user_id = $1`, [bobId]);
    const after = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
    expect(after.networks[0]).toMatchObject({ done: 1, queued: 0, needsReauth: true, estimatedFinish: null });
    // A request waiting for approval, or refused, is not counted as followed.
    for (const [state, figures] of [
      ['requested', { done: 0, requested: 1, declined: 0 }],
      ['declined', { done: 0, requested: 0, declined: 1 }],
    ] as const) {
      await db().query('UPDATE follow_tasks SET state = $2 WHERE user_id = $1', [bobId, state]);
      const shown = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
      expect(shown.networks[0]).toMatchObject(figures);
      expect((await matches(bob, '?network=mastodon')).items[0]?.status).toBe(state);
    }
    await db().query(`UPDATE linked_accounts SET status = 'active' WHERE user_id = $1`, [bobId]);
  });

  it('held follows are their own state: named with the switch-on, counted on progress, announced', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000);
    const anonymous = new TestBrowser(app);
    expect(await (await anonymous.request('GET', '/api/activation')).json()).toEqual({ activation: null });
    await db().query(`DELETE FROM follow_tasks WHERE user_id = $1`, [bobId]);
    await setActivation(db(), at);
    try {
      // Automatic mode plans Alice's follow at once; before the switch-on it is held.
      expect((await bob.request('PUT', '/api/reconnect/auto', { body: { enabled: true } })).status).toBe(200);
      const page = await matches(bob, '?network=mastodon');
      expect(page.items.map((m) => m.status)).toEqual(['held']);
      const announced = { activatesAt: at.toISOString(), releasedAt: null, heldFollows: 1 };
      expect(page.activation).toEqual(announced);
      const progress = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
      expect(progress.activation).toEqual(announced);
      expect(progress.networks).toEqual([
        expect.objectContaining({ network: 'mastodon', done: 0, queued: 0, held: 1, waiting: 0 }),
      ]);
      // The finish is counted from the switch-on, not from now.
      expect(Date.parse(progress.networks[0]?.estimatedFinish ?? '')).toBeGreaterThanOrEqual(at.getTime());
      const response = await bob.request('GET', '/api/activation');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(await response.json()).toEqual({ activation: announced });
      // Without a session: the moment, no count.
      expect(await (await anonymous.request('GET', '/api/activation')).json()).toEqual({
        activation: { ...announced, heldFollows: null },
      });
      // Automatic mode off: the switch-on releases nothing of Bob's, so nothing is promised.
      expect((await bob.request('PUT', '/api/reconnect/auto', { body: { enabled: false } })).status).toBe(
        200,
      );
      expect((await matches(bob, '?network=mastodon')).items.map((m) => m.status)).toEqual(['suggested']);
      expect((await matches(bob)).activation?.heldFollows).toBe(0);
      const paused = (await (await bob.request('GET', '/api/progress')).json()) as Progress;
      expect(paused.networks[0]).toMatchObject({ held: 0, queued: 0 });
    } finally {
      await clearActivation(db());
      await db().query(`DELETE FROM follow_tasks WHERE user_id = $1`, [bobId]);
      // Only what this test changed: Bob's answer to "find me" stays in his history.
      await db().query(`DELETE FROM consent_history WHERE user_id = $1 AND consent <> 'discoverable'`, [
        bobId,
      ]);
      await db().query(`UPDATE user_consents SET auto_follow = false WHERE user_id = $1`, [bobId]);
    }
  });

  it('switches automatic mode and keeps every consent change in the history', async () => {
    const auto = await bob.request('PUT', '/api/reconnect/auto', { body: { enabled: true } });
    expect(await auto.json()).toEqual({ enabled: true });
    expect((await matches(bob)).autoMode).toBe(true);
    // Nothing is pre-ticked: Bob turns public statistics on, then off again.
    expect((await bob.request('PUT', '/api/consents', { body: { publicStats: true } })).status).toBe(200);
    const put = await bob.request('PUT', '/api/consents', { body: { publicStats: false } });
    expect(put.status).toBe(200);
    const got = (await (await bob.request('GET', '/api/consents')).json()) as {
      consents: Record<string, boolean>;
      history: Array<{ consent: string; value: boolean; givenBy: string }>;
    };
    expect(got.consents).toEqual({
      discoverable: true,
      autoFollow: true,
      publicStats: false,
      followBack: false,
      carrySafety: false,
      blocksAsMutes: false,
    });
    expect(got.history.map((h) => [h.consent, h.value, h.givenBy])).toEqual([
      ['discoverable', true, 'user'],
      ['autoFollow', true, 'user'],
      ['publicStats', true, 'user'],
      ['publicStats', false, 'user'],
    ]);
    expect((await bob.request('PUT', '/api/consents', { body: { sellMyData: true } })).status).toBe(400);
    expect((await bob.request('PUT', '/api/consents', { body: { discoverable: 'yes' } })).status).toBe(400);
    // Alice's consents are her own.
    const aliceConsents = (await (await alice.request('GET', '/api/consents')).json()) as {
      history: Array<{ consent: string }>;
    };
    expect(aliceConsents.history.map((h) => h.consent)).toEqual(['discoverable']);
  });

  it('401 for anonymous callers, 403 without the CSRF token', async () => {
    const anonymous = new TestBrowser(app);
    await anonymous.session();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/matches'],
      ['POST', '/api/matches/x%3Ay/dismiss'],
      ['POST', '/api/matches/x%3Ay/restore'],
      ['POST', '/api/reconnect', {}],
      ['PUT', '/api/reconnect/auto', { enabled: true }],
      ['GET', '/api/consents'],
      ['PUT', '/api/consents', { discoverable: false }],
      ['GET', '/api/matches/mastodon.csv'],
      ['GET', '/api/progress'],
      ['POST', '/api/matches/bluesky-list'],
      ['GET', '/api/matches/protected'],
    ];
    for (const [method, path, body] of routes) {
      expect((await anonymous.request(method, path, { body })).status, `${method} ${path}`).toBe(401);
      if (method !== 'GET')
        expect((await bob.request(method, path, { body, csrf: false })).status, `${method} ${path}`).toBe(
          403,
        );
    }
  });

  it('Bluesky list: 503 when linking is not configured here, 409 when Bluesky is not linked', async () => {
    expect((await alice.request('POST', '/api/matches/bluesky-list')).status).toBe(503);
    const withLinks = createApp({
      database: db(),
      config: { cookieSecure: false },
      links: { vault: ephemeralVault() } as never,
    });
    const carol = new TestBrowser(withLinks);
    await carol.signIn();
    const res = await carol.request('POST', '/api/matches/bluesky-list');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_LINKED' } });
  });

  it("mounts the digest's one-click unsubscribe (its page belongs to the built UI)", async () => {
    const res = await app.request('http://localhost/unsubscribe?token=abc', {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // Mounted: a forged token is refused by the route itself, not unknown to the app.
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('unsubscribe link');
  });
});
