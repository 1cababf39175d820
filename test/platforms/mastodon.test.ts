import { expect, it } from 'vitest';
import { MastodonAdapter } from '../../src/platforms/mastodon/adapter.ts';
import { completeMastodonLink, startMastodonLink } from '../../src/platforms/mastodon/oauth.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { createUser, schedule, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { LEGACY_SCOPES, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { dumpDatabase } from '../vault/dump.ts';
import { config, link, linkedMastodonUser, policy, vault } from './mastodon-link.ts';

describeEachDatabase('Mastodon adapter against the Mastodon API test double', (db) => {
  const lab = linkedMastodonUser(db);
  const engine = (adapter = new MastodonAdapter({ policy, timeoutMs: 500, now: () => lab.clock.t })) =>
    new FollowEngine({
      database: db(),
      vault,
      adapters: [adapter],
      now: lab.clock.now,
      backoff: { baseMs: 1_000, maxMs: 10_000, maxAttempts: 4 },
      random: () => 0.5,
    });
  const states = () => taskStates(db(), lab.userId);
  /** An adapter session on my linked account, with this token. */
  const mySession = (accessToken: string | undefined) =>
    new MastodonAdapter({ policy }).open(
      {
        id: lab.linkedAccountId,
        userId: lab.userId,
        platform: 'mastodon',
        accountId: '',
        handle: '',
        instance: lab.double.url,
      },
      { accessToken, scopes: 'read' },
    );
  const plan = (targets: string[]) =>
    planFollows(
      db(),
      lab.userId,
      'mastodon',
      targets.map((target) => ({ target })),
    );

  it('links with PKCE, registers the app once per instance, and keeps the token sealed', async () => {
    const appsBefore = lab.double.apps.size;
    const other = lab.double.addAccount('other');
    const second = await link(db(), lab.double, await createUser(db()), other);
    expect(lab.double.apps.size).toBe(appsBefore);
    expect(second.handle).toBe(`other@${new URL(lab.double.url).host}`);
    const rows = await db().query<{ account_id: string; instance: string; status: string }>(
      'SELECT account_id, instance, status FROM linked_accounts WHERE id = $1',
      [second.linkedAccountId],
    );
    expect(rows[0]).toMatchObject({
      account_id: `${new URL(lab.double.url).host}:${other.id}`,
      instance: lab.double.url,
      status: 'active',
    });
    const dump = await dumpDatabase(db());
    for (const token of lab.double.tokens.keys()) expect(dump).not.toContain(token);
    for (const app of lab.double.apps.values()) expect(dump).not.toContain(app.secret);
  });

  it('refuses a callback whose state is unknown or already used', async () => {
    lab.double.signedInAccountId = lab.me.id;
    const { url } = await startMastodonLink(
      db(),
      vault,
      { instance: lab.double.url, pending: { userId: lab.userId, sessionId: null, intent: 'link' } },
      config,
    );
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    const input = { state: back.searchParams.get('state') ?? '', code: back.searchParams.get('code') ?? '' };
    await completeMastodonLink(db(), vault, input, config);
    await expect(completeMastodonLink(db(), vault, input, config)).rejects.toThrow(
      /expired or was already used/,
    );
    await expect(completeMastodonLink(db(), vault, { state: 'forged', code: 'x' }, config)).rejects.toThrow(
      /start linking/,
    );
  });

  it('falls back to broader scopes on an instance that rejects the granular ones', async () => {
    const legacy = new MastodonTestDouble({ supportedScopes: LEGACY_SCOPES });
    await legacy.start();
    try {
      const account = legacy.addAccount('old');
      const result = await link(db(), legacy, await createUser(db()), account);
      expect(result.handle).toContain('old@');
      expect([...legacy.apps.values()][0]?.scopes).toEqual(['read', 'write', 'follow']);
    } finally {
      await legacy.stop();
    }
  });

  it('follows local and remote accounts, counts locked ones as requested, follows moved ones at their new address', async () => {
    const alice = lab.double.addAccount(`alice${lab.userId}`);
    const bob = lab.double.addAccount(`bob${lab.userId}`, { domain: 'remote.example' });
    const carol = lab.double.addAccount(`carol${lab.userId}`, { locked: true });
    const dave2 = lab.double.addAccount(`dave2x${lab.userId}`, { domain: 'new.example' });
    lab.double.addAccount(`dave${lab.userId}`, { domain: 'old.example', movedToId: dave2.id });
    const erin = lab.double.addAccount(`erin${lab.userId}`);
    lab.double.addAccount(`sus${lab.userId}`, { suspended: true });
    lab.double.followingOf(lab.me.id).add(erin.id);
    const host = new URL(lab.double.url).host;
    await plan([
      `alice${lab.userId}@${host}`,
      `bob${lab.userId}@remote.example`,
      `carol${lab.userId}@${host}`,
      `dave${lab.userId}@old.example`,
      `erin${lab.userId}@${host}`,
      `ghost${lab.userId}@nowhere.example`,
      `sus${lab.userId}@${host}`,
    ]);
    await engine().drain();
    // Remote accounts answer `requested` until their server accepts, locked or not.
    expect(await states()).toEqual({ done: 1, requested: 3, already_following: 1, unavailable: 2 });
    lab.double.federate();
    lab.clock.advance(11 * 60_000);
    await engine().drain();
    expect(await states()).toEqual({ done: 3, requested: 1, already_following: 1, unavailable: 2 });
    expect([...lab.double.followingOf(lab.me.id)].sort()).toEqual(
      [alice.id, bob.id, dave2.id, erin.id].sort(),
    );
    expect(lab.double.requests.get(lab.me.id)).toEqual(new Set([carol.id]));
    const moved = await db().query<{ reason: string }>(
      `SELECT reason FROM follow_tasks WHERE user_id = $1 AND target LIKE 'dave%'`,
      [lab.userId],
    );
    expect(moved[0]?.reason).toContain(`dave2x${lab.userId}@new.example`);
    const followCalls = lab.double.followCalls;
    await plan([`alice${lab.userId}@${host}`]);
    expect(await engine().drain()).toBe(0);
    expect(lab.double.followCalls).toBe(followCalls);
    const session = await mySession([...lab.double.tokens].find(([, t]) => t.accountId === lab.me.id)?.[0]);
    expect((await session.listFollows()).size).toBe(4);
  });

  it('stops at the daily follow limit (429 with an ISO reset), keeps what was done, and resumes after the reset', async () => {
    const limited = new MastodonTestDouble({ followsPerDay: 3 });
    await limited.start();
    try {
      limited.now = () => lab.clock.t;
      const acc = limited.addAccount('lim');
      const uid = await createUser(db());
      const { linkedAccountId: lid } = await link(db(), limited, uid, acc);
      const targets = Array.from({ length: 5 }, (_, i) => limited.addAccount(`t${i}`));
      const host = new URL(limited.url).host;
      await planFollows(
        db(),
        uid,
        'mastodon',
        targets.map((t) => ({ target: `${t.username}@${host}` })),
      );
      await engine().drain();
      expect(await taskStates(db(), uid)).toEqual({ done: 3, pending: 2 });
      const s = await schedule(db(), lid);
      expect(s.park_reason).toBe('rate_limited');
      expect(new Date(s.parked_until as string).getTime()).toBeGreaterThanOrEqual(lab.clock.t + 86_399_000);
      lab.clock.advance(86_402_000);
      await engine().drain();
      expect(await taskStates(db(), uid)).toEqual({ done: 5 });
      expect(limited.followingOf(acc.id).size).toBe(5);
    } finally {
      await limited.stop();
    }
  });

  it('parks the account at the 7,500-follows cap without losing its tasks', async () => {
    const capped = new MastodonTestDouble({ followCap: 2 });
    await capped.start();
    try {
      const acc = capped.addAccount('cap');
      const uid = await createUser(db());
      const { linkedAccountId: lid } = await link(db(), capped, uid, acc);
      const host = new URL(capped.url).host;
      const targets = Array.from({ length: 4 }, (_, i) => capped.addAccount(`c${i}`));
      await planFollows(
        db(),
        uid,
        'mastodon',
        targets.map((t) => ({ target: `${t.username}@${host}` })),
      );
      await engine().drain();
      expect(await taskStates(db(), uid)).toEqual({ done: 2, pending: 2 });
      expect((await schedule(db(), lid)).park_reason).toBe('follow_cap');
      // The adapter's own cap check, from the account's following count, stops before asking.
      await db().query('UPDATE follow_schedules SET parked_until = NULL WHERE linked_account_id = $1', [lid]);
      const calls = capped.followCalls;
      await engine(new MastodonAdapter({ policy, followCap: 2, now: () => lab.clock.t })).drain();
      expect(capped.followCalls).toBe(calls);
      expect((await schedule(db(), lid)).park_reason).toBe('follow_cap');
    } finally {
      await capped.stop();
    }
  });

  it('rides out 500s, connection resets and slow answers without losing or doubling a follow', async () => {
    const targets = Array.from({ length: 3 }, (_, i) => lab.double.addAccount(`f${lab.userId}x${i}`));
    const host = new URL(lab.double.url).host;
    await plan(targets.map((t) => `${t.username}@${host}`));
    lab.double.faults.push({ path: /\/follow$/, kind: '500' });
    await engine().drain();
    expect(await states()).toEqual({ in_flight: 3 });
    expect((await schedule(db(), lab.linkedAccountId)).park_reason).toBe('backoff');
    lab.clock.advance(5_000);
    lab.double.faults.push({ path: /\/follow$/, kind: 'reset' });
    await engine().drain();
    lab.clock.advance(10_000);
    lab.double.faults.push({ path: /\/relationships$/, kind: 'slow', delayMs: 1_500 });
    await engine().drain();
    const reasons = await db().query<{ reason: string }>(
      'SELECT reason FROM follow_tasks WHERE user_id = $1 AND reason IS NOT NULL',
      [lab.userId],
    );
    expect(reasons.map((r) => r.reason).join(' ')).toMatch(/at http:\/\/\S+ failed: timed out/);
    lab.clock.advance(60_000);
    await engine().drain();
    expect(await states()).toEqual({ done: 3 });
    expect(lab.double.followingOf(lab.me.id)).toEqual(new Set(targets.map((t) => t.id)));
  });

  it('pauses on a revoked token, marks the link for re-authorisation, and resumes when linked again', async () => {
    const targets = Array.from({ length: 2 }, (_, i) => lab.double.addAccount(`r${lab.userId}x${i}`));
    const host = new URL(lab.double.url).host;
    await plan(targets.map((t) => `${t.username}@${host}`));
    for (const t of lab.double.tokens.values()) if (t.accountId === lab.me.id) t.revoked = true;
    await engine().drain();
    expect(await states()).toEqual({ pending: 2 });
    const link1 = await db().query<{ status: string }>('SELECT status FROM linked_accounts WHERE id = $1', [
      lab.linkedAccountId,
    ]);
    expect(link1[0]?.status).toBe('needs_reauth');
    await link(db(), lab.double, lab.userId, lab.me);
    await engine().drain();
    expect(await states()).toEqual({ done: 2 });
  });

  it("paces itself by the instance's X-RateLimit-Remaining and gets no 429", async () => {
    const tight = new MastodonTestDouble({ requestsPer5Min: 25 });
    await tight.start();
    try {
      tight.now = () => lab.clock.t;
      const acc = tight.addAccount('tight');
      const uid = await createUser(db());
      const { linkedAccountId: lid } = await link(db(), tight, uid, acc);
      const host = new URL(tight.url).host;
      const targets = Array.from({ length: 14 }, (_, i) => tight.addAccount(`p${i}`));
      await planFollows(
        db(),
        uid,
        'mastodon',
        targets.map((t) => ({ target: `${t.username}@${host}` })),
      );
      for (let i = 0; i < 6; i++) {
        await engine().drain();
        lab.clock.advance(301_000);
      }
      expect(await taskStates(db(), uid)).toEqual({ done: 14 });
      expect(tight.tooManyRequests).toBe(0);
      expect((await schedule(db(), lid)).rate_limit).toMatchObject({ limit: 25 });
    } finally {
      await tight.stop();
    }
  });

  it('resolves addresses: known ones by lookup, remote ones by a resolving search, moved ones with their new address', async () => {
    const host = new URL(lab.double.url).host;
    lab.double.addAccount(`ra${lab.userId}`, { domain: 'far.example' });
    const to = lab.double.addAccount(`rto${lab.userId}`, { domain: 'new.example' });
    lab.double.addAccount(`rmv${lab.userId}`, { domain: 'old.example', movedToId: to.id });
    const token = [...lab.double.tokens].find(([, t]) => t.accountId === lab.me.id && !t.revoked)?.[0];
    const session = await mySession(token);
    expect(await session.resolve(`@${lab.me.username}`)).toMatchObject({ id: `${lab.me.username}@${host}` });
    expect(await session.resolve(`RA${lab.userId}@far.example`)).toMatchObject({
      id: `ra${lab.userId}@far.example`,
    });
    expect(await session.resolve(`rmv${lab.userId}@old.example`)).toMatchObject({
      movedTo: `rto${lab.userId}@new.example`,
    });
    expect(await session.resolve(`ghost${lab.userId}@nowhere.example`)).toBeNull();
  });
});
