// Budgets against a PDS with its real rate limits on (repo-write-hour 5,000 points, a create
// costs 3; counters in the machine's Redis so a test can set a window's state directly).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import { linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createUser, schedule, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  type BlueskyNetwork,
  followRecordCounts,
  startBlueskyNetwork,
  syntheticDids,
} from './bluesky-network.ts';

const vault = ephemeralVault();
let net: BlueskyNetwork;
beforeAll(async () => {
  net = await startBlueskyNetwork({ rateLimits: true, redis: true });
}, 60_000);
afterAll(() => net?.close());

interface Redis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: 'PX', ms: number): Promise<unknown>;
  del(key: string): Promise<number>;
}
const redis = () => (net.network.pds.ctx as unknown as { redisScratch: Redis }).redisScratch;
const hourKey = (did: string) => `rl-repo-write-hour:${did}`;

/** Spend up to the platform's whole hourly limit (fraction 1, no spreading): the tightest honest budget. */
const fullHour = {
  windows: [
    { name: 'hour', seconds: 3_600, limit: 5_000, unit: 'points' as const },
    { name: 'day', seconds: 86_400, limit: 35_000, unit: 'points' as const },
  ],
  fraction: 1,
};

async function linkedUser(db: Database, name: string) {
  const account = await net.createAccount(name);
  const userId = await createUser(db);
  const { linkedAccountId } = await linkBlueskyWithAppPassword(db, vault, {
    userId,
    service: net.url,
    identifier: account.handle,
    appPassword: account.appPassword,
    policy: DEVELOPMENT_POLICY,
  });
  return { account, userId, linkedAccountId };
}

describeEachDatabase('Bluesky budgets against the real PDS limits', (db) => {
  it('spends the hour budget to the last follow that fits, with no 429', async () => {
    const { account, userId, linkedAccountId } = await linkedUser(db(), 'hour');
    await planFollows(
      db(),
      userId,
      'bluesky',
      syntheticDids(1_700, `h${userId}${db().kind}`).map((target) => ({ target })),
    );
    const engine = new FollowEngine({
      database: db(),
      vault,
      adapters: [new BlueskyAdapter({ policy: DEVELOPMENT_POLICY })],
      budgets: { bluesky: fullHour },
    });
    await engine.drain();
    // 5,000 points at 3 a follow: 1,666 follows, then the engine stops by itself.
    expect(await taskStates(db(), userId)).toEqual({ done: 1_666, pending: 34 });
    const s = await schedule(db(), linkedAccountId);
    expect(s.park_reason).toBe('budget');
    expect(new Date(s.parked_until as string).getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(Number(await redis().get(hourKey(account.did)))).toBe(4_998);
    expect((await followRecordCounts(net.url, account.did)).size).toBe(1_666);
    const retried = await db().query('SELECT 1 FROM follow_tasks WHERE user_id = $1 AND attempts > 1', [
      userId,
    ]);
    expect(retried).toHaveLength(0);
  });

  it('recovers from a forced 429: parks until the reset the headers give, loses nothing, doubles nothing', async () => {
    const { account, userId, linkedAccountId } = await linkedUser(db(), 'forced');
    const targets = syntheticDids(300, `f${userId}${db().kind}`);
    await planFollows(
      db(),
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    // Someone else (another app) spent this account's hour: the next write is refused.
    await redis().set(hourKey(account.did), '5000', 'PX', 3_600_000);
    let offset = 0;
    const engine = () =>
      new FollowEngine({
        database: db(),
        vault,
        adapters: [new BlueskyAdapter({ policy: DEVELOPMENT_POLICY })],
        budgets: { bluesky: fullHour },
        now: () => new Date(Date.now() + offset),
      });
    await engine().drain();
    expect(await taskStates(db(), userId)).toEqual({ pending: 300 });
    const attempts = await db().query<{ attempts: number }>(
      'SELECT DISTINCT attempts FROM follow_tasks WHERE user_id = $1',
      [userId],
    );
    expect(attempts).toEqual([{ attempts: 0 }]);
    const s = await schedule(db(), linkedAccountId);
    expect(s.park_reason).toBe('rate_limited');
    const parkedUntil = new Date(s.parked_until as string).getTime();
    expect(parkedUntil).toBeGreaterThan(Date.now() + 3_500_000);
    expect((s.rate_limit as { remaining: number }).remaining).toBe(0);
    // Nothing happens before the reset.
    expect(await engine().drain()).toBe(0);
    // The hour passes on the PDS (its counter expires) and for the engine.
    await redis().del(hourKey(account.did));
    offset = parkedUntil - Date.now() + 1_000;
    await engine().drain();
    expect(await taskStates(db(), userId)).toEqual({ done: 300 });
    const counts = await followRecordCounts(net.url, account.did);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });
});
