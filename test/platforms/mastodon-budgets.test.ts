// Budgets against the Mastodon-API double on a virtual clock: 400 follows a day for one account
// with a long list, and one per-address budget shared by every user of a GoToSocial host.
import { afterEach, expect, it } from 'vitest';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { createUser, TestClock, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type FlavourName, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { link, mastodonEngine } from './mastodon-link.ts';

const HOUR = 3_600_000;

describeEachDatabase('Mastodon budgets on a virtual clock', (db) => {
  let double: MastodonTestDouble | undefined;
  let clock: TestClock;
  afterEach(() => double?.stop());

  async function instance(flavour: FlavourName, requestsPer5Min = 300) {
    clock = new TestClock();
    double = new MastodonTestDouble({ flavour, requestsPer5Min });
    double.now = () => clock.t;
    await double.start();
    return double;
  }
  const engine = () => mastodonEngine(db(), clock, 2_000);

  async function userFollowing(d: MastodonTestDouble, name: string, count: number) {
    const userId = await createUser(db());
    await link(db(), d, userId, d.addAccount(name, { locked: false }));
    const host = new URL(d.url).host;
    const targets = Array.from({ length: count }, (_, i) => d.addAccount(`${name}t${i}`, { locked: false }));
    await planFollows(
      db(),
      userId,
      'mastodon',
      targets.map((t) => ({ target: `${t.username}@${host}` })),
    );
    return userId;
  }

  it('follows a long list at most 400 a day, spread over the day, and finishes it on later days', async () => {
    const d = await instance('mastodon');
    const userId = await userFollowing(d, 'long', 450);
    const followedAt: number[] = [];
    let before = 0;
    for (let hour = 0; hour < 72; hour++) {
      await engine().drain();
      const now = d.followCalls;
      for (let i = before; i < now; i++) followedAt.push(clock.t);
      before = now;
      clock.advance(HOUR);
    }
    expect(await taskStates(db(), userId)).toEqual({ done: 450 });
    expect(d.tooManyRequests).toBe(0);
    // No trailing day holds more than 400 follows; none of them in one burst.
    for (const start of followedAt) {
      expect(followedAt.filter((t) => t >= start && t < start + 24 * HOUR).length).toBeLessThanOrEqual(400);
      expect(followedAt.filter((t) => t === start).length).toBeLessThanOrEqual(20);
    }
  });

  it('keeps every user of one per-address host (GoToSocial) within the host budget: no 429', async () => {
    const d = await instance('gotosocial', 40);
    const users: number[] = [];
    for (let i = 0; i < 6; i++) {
      users.push(await userFollowing(d, `ip${i}`, 6));
      clock.advance(301_000);
    }
    const refusedWhileLinking = d.tooManyRequests;
    for (let round = 0; round < 20; round++) {
      await engine().drain();
      clock.advance(301_000);
    }
    for (const userId of users) expect(await taskStates(db(), userId)).toEqual({ done: 6 });
    expect(d.tooManyRequests).toBe(refusedWhileLinking);
    expect(refusedWhileLinking).toBe(0);
    const host = await db().query<{ shared: boolean | null }>(
      `SELECT shared FROM host_rate_limits WHERE platform = 'mastodon' AND host = $1`,
      [d.url],
    );
    expect(host[0]?.shared).not.toBe(false);
  });

  it('learns that a Mastodon host counts per account, and lets its users spend their own budgets', async () => {
    const d = await instance('mastodon', 40);
    const users: number[] = [];
    for (let i = 0; i < 3; i++) users.push(await userFollowing(d, `pa${i}`, 8));
    for (let round = 0; round < 6; round++) {
      await engine().drain();
      clock.advance(301_000);
    }
    for (const userId of users) expect(await taskStates(db(), userId)).toEqual({ done: 8 });
    expect(d.tooManyRequests).toBe(0);
    const host = await db().query<{ shared: boolean | null }>(
      `SELECT shared FROM host_rate_limits WHERE platform = 'mastodon' AND host = $1`,
      [d.url],
    );
    expect(host[0]?.shared).toBe(false);
  });
});
