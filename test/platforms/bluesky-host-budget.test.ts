// The per-host budget on a real PDS with its limits on. Every account a PDS holds reaches it from
// Passerelle's one address, and the PDS counts each address's requests over every endpoint:
// 3,000 per 5 minutes (@atproto/pds dist/rate-limits.js, 'global-ip'). With that counter near its
// end (other traffic), the accounts of the host share what the headers say is left: no 429.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BLUESKY_HOST_BUDGET, BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import { linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import { observeAccountHost } from '../../src/reconnect/budget.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createUser, schedule, taskStates, userWithFakeAccount } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type BlueskyNetwork, startBlueskyNetwork, syntheticDids } from './bluesky-network.ts';

const vault = ephemeralVault();
const ACCOUNTS = 6;
const FOLLOWS_EACH = 10;

describeEachDatabase('Bluesky: one request budget per PDS host', (db) => {
  // One PDS per database run: its per-address counter cannot be given back before 5 minutes.
  let net: BlueskyNetwork;
  beforeAll(async () => {
    net = await startBlueskyNetwork({ rateLimits: true });
  }, 60_000);
  afterAll(() => net?.close());

  /** What the PDS's global counter says is left for this address (the request costs one). */
  async function remainingAfterOne(): Promise<{ remaining: number; policy: string | null }> {
    const res = await fetch(`${net.url}/xrpc/com.atproto.server.describeServer`);
    await res.arrayBuffer();
    return {
      remaining: Number(res.headers.get('ratelimit-remaining')),
      policy: res.headers.get('ratelimit-policy'),
    };
  }

  /** Other traffic of the same address: spends the PDS's global counter down to `left`. */
  async function spendDownTo(left: number): Promise<void> {
    let { remaining } = await remainingAfterOne();
    while (remaining > left + 20) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => remainingAfterOne()));
      remaining = Math.min(...answers.map((a) => a.remaining));
    }
    while (remaining > left) remaining = (await remainingAfterOne()).remaining;
  }

  async function linkedFollower(database: Database, name: string) {
    const account = await net.createAccount(name);
    const userId = await createUser(database);
    const { linkedAccountId } = await linkBlueskyWithAppPassword(database, vault, {
      userId,
      service: net.url,
      identifier: account.handle,
      appPassword: account.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    const targets = syntheticDids(FOLLOWS_EACH, `${name}-${database.kind}`);
    await planFollows(
      database,
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    return { userId, linkedAccountId };
  }

  it("every account of the PDS spends from the address's one budget, learned from the headers: no 429", async () => {
    const users = [];
    for (let i = 0; i < ACCOUNTS; i++) users.push(await linkedFollower(db(), `host${i}`));
    expect((await remainingAfterOne()).policy).toBe('3000;w=300');
    await spendDownTo(12);

    const statuses: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      statuses.push(res.status);
      return res;
    };
    const engine = new FollowEngine({
      database: db(),
      vault,
      adapters: [new BlueskyAdapter({ fetch: counting })],
    });
    await engine.drain();

    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const served = [];
    const waiting = [];
    for (const user of users) {
      const states = await taskStates(db(), user.userId);
      const s = await schedule(db(), user.linkedAccountId);
      if (states.done === FOLLOWS_EACH) served.push(user);
      else {
        expect(states).toEqual({ pending: FOLLOWS_EACH });
        expect(s.park_reason).toBe('budget');
        // Until the PDS's counter resets, within its 5-minute window.
        expect(new Date(s.parked_until as string).getTime()).toBeLessThanOrEqual(Date.now() + 301_000);
        waiting.push(user);
      }
    }
    // Twelve requests left: a few accounts fit (a session check, a page of follows, one write
    // each); the rest wait for the window instead of meeting a 429.
    expect(served.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    expect(statuses.length).toBeLessThanOrEqual(12);
    const [host] = await db().query<{ rate_limit: { limit: number; windowSeconds: number } }>(
      `SELECT rate_limit FROM host_rate_limits WHERE platform = 'bluesky' AND host = $1`,
      [net.url],
    );
    expect(host?.rate_limit).toMatchObject({ limit: 3_000, windowSeconds: 300 });
  });

  it("keeps only the address's counter as the host's, never an account's own write points", async () => {
    // No request leaves: the PDS's counter is spent by the test above.
    const { linkedAccountId } = await userWithFakeAccount(db(), vault, { platform: 'bluesky' });
    const account = {
      linkedAccountId,
      platform: 'bluesky',
      instance: 'https://pds.example',
    };
    const now = new Date();
    const resetAt = new Date(now.getTime() + 3_000_000).toISOString();
    const observe = (limit: number, remaining: number, windowSeconds: number) =>
      observeAccountHost(
        db(),
        account,
        new BlueskyAdapter(),
        { limit, remaining, resetAt, windowSeconds },
        now,
      );
    const hosts = () =>
      db().query<{ rate_limit: { remaining: number } }>(
        `SELECT rate_limit FROM host_rate_limits WHERE platform = 'bluesky' AND host = 'https://pds.example'`,
      );
    // repo-write-hour: 5,000 points an hour, keyed by the account's DID.
    await observe(5_000, 10, 3_600);
    expect(await hosts()).toEqual([]);
    await observe(3_000, 2_500, 300);
    expect((await hosts())[0]?.rate_limit.remaining).toBe(2_500);
    expect(BLUESKY_HOST_BUDGET.headerWindowSeconds).toBe(300);
  });
});
