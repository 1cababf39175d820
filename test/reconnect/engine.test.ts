import { beforeEach, expect, it } from 'vitest';
import { saveLinkedAccount } from '../../src/accounts/store.ts';
import { RateLimitedError, TransientPlatformError } from '../../src/platforms/types.ts';
import { setPlatformBudget } from '../../src/reconnect/budget.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { claimAccount, claimTasks } from '../../src/reconnect/store.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FakePeer } from './fake-peer.ts';
import { schedule, TestClock, taskStates, userWithFakeAccount } from './helpers.ts';

const vault = ephemeralVault();
const backoff = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 3 };

describeEachDatabase('follow engine', (db) => {
  let peer: FakePeer;
  let clock: TestClock;
  let seq = 0;
  const engine = (extra: Partial<ConstructorParameters<typeof FollowEngine>[0]> = {}) =>
    new FollowEngine({
      database: db(),
      vault,
      adapters: [peer],
      now: clock.now,
      backoff,
      random: () => 0.5,
      ...extra,
    });

  beforeEach(async () => {
    // Each test gets its own platform name, so accounts of earlier tests never compete.
    seq += 1;
    peer = new FakePeer({ platform: `fake${seq}`, maxBatch: 50 });
    clock = new TestClock();
  });
  const account = (options: { targets?: number; token?: string } = {}) =>
    userWithFakeAccount(db(), vault, { ...options, platform: peer.platform });

  it('follows every planned target once, and planning again adds nothing', async () => {
    const a = await account({ targets: 120 });
    peer.followsOf(a.accountId).add(a.targets[0] as string);
    peer.missing.add(a.targets[1] as string);
    expect(
      await planFollows(
        db(),
        a.userId,
        peer.platform,
        a.targets.map((target) => ({ target })),
      ),
    ).toBe(0);
    const batches = await engine().drain();
    expect(batches).toBe(3);
    expect(await taskStates(db(), a.userId)).toEqual({ done: 118, already_following: 1, unavailable: 1 });
    expect(peer.writes).toHaveLength(118);
    expect(new Set(peer.writes.map((w) => w.target)).size).toBe(118);
    // Drained: nothing is written again, even after a new plan of the same targets.
    await planFollows(
      db(),
      a.userId,
      peer.platform,
      a.targets.map((target) => ({ target })),
    );
    expect(await engine().drain()).toBe(0);
    expect(peer.writes).toHaveLength(118);
  });

  it('F4: never follows an account from itself, by id or by address; such a task ends as unavailable', async () => {
    const a = await account({ targets: 2 });
    // The planner never plans the account itself…
    expect(await planFollows(db(), a.userId, peer.platform, [{ target: a.accountId }])).toBe(0);
    // …and the engine refuses such tasks however they came (planned before this rule, by its id,
    // or, as Mastodon plans addresses, by its handle).
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target) SELECT $1, $2, t FROM unnest($3::text[]) t`,
      [a.userId, peer.platform, [a.accountId, `@USER${a.userId}.example`]],
    );
    await engine().drain();
    expect(peer.writes.map((w) => w.target).sort()).toEqual([...a.targets].sort());
    const own = await db().query<{ state: string; reason: string }>(
      `SELECT state, reason FROM follow_tasks WHERE user_id = $1 AND target NOT LIKE 'did:%' ORDER BY target`,
      [a.userId],
    );
    expect(own).toEqual([
      { state: 'unavailable', reason: 'own account: nobody follows themself' },
      { state: 'unavailable', reason: 'own account: nobody follows themself' },
    ]);
  });

  it('serves users in turn: one with 1,000 follows does not starve one with 10', async () => {
    const big = await account({ targets: 1_000 });
    const small = await account({ targets: 10 });
    const e = engine();
    await e.serveOne();
    await e.serveOne();
    expect(await taskStates(db(), small.userId)).toEqual({ done: 10 });
    expect((await taskStates(db(), big.userId)).pending).toBe(950);
  });

  it('spends at most the budget, parks the account, and resumes when the window frees', async () => {
    await setPlatformBudget(db(), peer.platform, {
      windows: [{ name: 'hour', seconds: 3600, limit: 40, unit: 'points' }],
      fraction: 0.75,
    });
    const a = await account({ targets: 30 });
    await engine().drain();
    // 75% of 40 points = 30 points = 10 follows at 3 points each.
    expect(await taskStates(db(), a.userId)).toEqual({ done: 10, pending: 20 });
    const s = await schedule(db(), a.linkedAccountId);
    expect(s.park_reason).toBe('budget');
    expect(new Date(s.parked_until as string).getTime()).toBeGreaterThan(clock.t + 3599_000);
    clock.advance(3601_000);
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 20, pending: 10 });
  });

  it('parks an account on a 429 until the reset time, refunding the attempt', async () => {
    const a = await account({ targets: 5 });
    const resetAt = new Date(clock.t + 15 * 60_000);
    peer.faults.push(new RateLimitedError(resetAt));
    expect(await engine().drain()).toBe(1);
    expect(await taskStates(db(), a.userId)).toEqual({ pending: 5 });
    const rows = await db().query<{ attempts: number }>(
      'SELECT attempts FROM follow_tasks WHERE user_id = $1',
      [a.userId],
    );
    expect(rows.every((r) => r.attempts === 0)).toBe(true);
    const s = await schedule(db(), a.linkedAccountId);
    expect(s.park_reason).toBe('rate_limited');
    expect(new Date(s.parked_until as string).getTime()).toBeGreaterThanOrEqual(resetAt.getTime());
    clock.advance(10 * 60_000);
    expect(await engine().drain()).toBe(0);
    clock.advance(6 * 60_000);
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 5 });
  });

  it('retries 5xx with backoff, and a follow written before the connection broke counts once, as done', async () => {
    const a = await account({ targets: 4 });
    // The peer writes, then the answer is lost.
    peer.faults.push((targets) => {
      for (const t of targets.slice(0, 2)) peer.followsOf(a.accountId).add(t);
      return new TransientPlatformError('socket hang up');
    });
    peer.faults.push(new TransientPlatformError('HTTP 503'));
    await engine().drain();
    const s = await schedule(db(), a.linkedAccountId);
    expect(s.park_reason).toBe('backoff');
    expect(await taskStates(db(), a.userId)).toEqual({ in_flight: 4 });
    const reasons = await db().query<{ reason: string }>(
      'SELECT reason FROM follow_tasks WHERE user_id = $1',
      [a.userId],
    );
    expect(reasons[0]?.reason).toContain('socket hang up');
    clock.advance(2_000);
    await engine().drain();
    expect((await schedule(db(), a.linkedAccountId)).failure_streak).toBe(2);
    clock.advance(10_000);
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 4 });
    expect(peer.writes).toHaveLength(2);
  });

  it('fails a follow for good after the last attempt, saying why', async () => {
    const a = await account({ targets: 1 });
    for (let i = 0; i < 3; i++) peer.faults.push(new TransientPlatformError('HTTP 500'));
    for (let i = 0; i < 3; i++) {
      await engine().drain();
      clock.advance(120_000);
    }
    const rows = await db().query<{ state: string; reason: string }>(
      'SELECT state, reason FROM follow_tasks WHERE user_id = $1',
      [a.userId],
    );
    expect(rows[0]?.state).toBe('failed');
    expect(rows[0]?.reason).toMatch(/gave up after 3 attempts: HTTP 500/);
  });

  it("waits out a host that cannot be reached without spending the follows' attempts", async () => {
    const a = await account({ targets: 2 });
    const refused = () =>
      new TransientPlatformError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 192.0.2.1:443'), { code: 'ECONNREFUSED' }),
      });
    // Many more refusals than attempts allowed (3): an outage, not a broken follow.
    for (let i = 0; i < 10; i++) peer.faults.push(refused());
    for (let i = 0; i < 10; i++) {
      await engine().drain();
      clock.advance(120_000);
    }
    expect(peer.faults).toHaveLength(0);
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 2 });
    const rows = await db().query<{ attempts: number }>(
      'SELECT attempts FROM follow_tasks WHERE user_id = $1',
      [a.userId],
    );
    expect(rows.map((r) => r.attempts)).toEqual([1, 1]);
  });

  it('pauses an account whose token was revoked and resumes when it is linked again', async () => {
    const a = await account({ targets: 3, token: 'revoked' });
    const other = await account({ targets: 2 });
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ pending: 3 });
    expect(await taskStates(db(), other.userId)).toEqual({ done: 2 });
    const link = await db().query<{ status: string }>('SELECT status FROM linked_accounts WHERE id = $1', [
      a.linkedAccountId,
    ]);
    expect(link[0]?.status).toBe('needs_reauth');
    const reasons = await db().query<{ reason: string; attempts: number }>(
      'SELECT reason, attempts FROM follow_tasks WHERE user_id = $1',
      [a.userId],
    );
    expect(reasons.every((r) => r.attempts === 0 && r.reason.includes('linked again'))).toBe(true);
    await saveLinkedAccount(db(), vault, {
      userId: a.userId,
      platform: peer.platform,
      accountId: a.accountId,
      handle: 'again',
      credentials: { token: 'fresh' },
    });
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 3 });
  });

  it("picks up a dead worker's claimed work once its lease expires", async () => {
    const a = await account({ targets: 5 });
    const now = clock.now();
    const claimed = await claimAccount(db(), 'dead-worker', [peer.platform], now, 30_000);
    expect(claimed?.linkedAccountId).toBe(a.linkedAccountId);
    if (!claimed) throw new Error('unreachable');
    expect(await claimTasks(db(), claimed, 'dead-worker', 50, now, 30_000)).toHaveLength(5);
    // The dead worker wrote two follows before dying.
    peer
      .followsOf(a.accountId)
      .add(a.targets[0] as string)
      .add(a.targets[1] as string);
    expect(await engine().drain()).toBe(0);
    clock.advance(31_000);
    await engine().drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 5 });
    expect(peer.writes).toHaveLength(3);
  });

  it('several workers draining at once write every follow exactly once', async () => {
    const users = await Promise.all([
      account({ targets: 200 }),
      account({ targets: 150 }),
      account({ targets: 7 }),
    ]);
    const engines = [engine(), engine(), engine()];
    await Promise.all(engines.map((e) => e.drain()));
    for (const u of users) expect(Object.keys(await taskStates(db(), u.userId))).toEqual(['done']);
    expect(peer.writes).toHaveLength(357);
    expect(new Set(peer.writes.map((w) => `${w.account}/${w.target}`)).size).toBe(357);
  });

  it("caps a batch by the platform's own remaining count and waits for its reset", async () => {
    const a = await account({ targets: 10 });
    const e = engine();
    peer.rateLimit = { remaining: 7, resetAt: new Date(clock.t + 60_000).toISOString() };
    await e.serveOne();
    // The first batch knows nothing yet; from then on the headers cap it: 7 points = 2 follows.
    expect((await taskStates(db(), a.userId)).done).toBe(10);
    await planFollows(db(), a.userId, peer.platform, [{ target: 'x1' }, { target: 'x2' }, { target: 'x3' }]);
    await e.serveOne();
    expect((await taskStates(db(), a.userId)).done).toBe(12);
    expect((await taskStates(db(), a.userId)).pending).toBe(1);
    peer.rateLimit = { remaining: 0, resetAt: new Date(clock.t + 60_000).toISOString() };
    await e.serveOne();
    expect((await taskStates(db(), a.userId)).done).toBe(13);
    await planFollows(db(), a.userId, peer.platform, [{ target: 'x4' }]);
    await e.serveOne();
    expect((await schedule(db(), a.linkedAccountId)).park_reason).toBe('rate_limited');
    expect((await taskStates(db(), a.userId)).pending).toBe(1);
    clock.advance(61_000);
    await e.drain();
    expect(await taskStates(db(), a.userId)).toEqual({ done: 14 });
  });

  it('runs in the background of a process (as in `passerelle serve`), picking up work planned later', async () => {
    const e = engine();
    const stop = new AbortController();
    const running = e.run(stop.signal, { idlePollMs: 20 });
    const a = await account({ targets: 60 });
    for (let i = 0; i < 200 && (await taskStates(db(), a.userId)).done !== 60; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    stop.abort();
    await running;
    expect(await taskStates(db(), a.userId)).toEqual({ done: 60 });
  });
});
