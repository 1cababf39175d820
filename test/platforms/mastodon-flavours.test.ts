// The whole journey on each Mastodon-API server family the double models: link through the OAuth
// pages, follow, locked accounts, remote follows requested then accepted, declined requests, a
// token revoked at the server, and one re-authorisation that resumes the follows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { revokeLinkToken } from '../../src/accounts/revoke.ts';
import { liveLinks } from '../../src/accounts/store.ts';
import { MastodonAdapter } from '../../src/platforms/mastodon/adapter.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { createUser, TestClock, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  type DoubleAccount,
  type FlavourName,
  MastodonTestDouble,
} from '../support/mastodon-double/server.ts';
import { config, link, policy, vault } from './mastodon-link.ts';

const FLAVOUR_NAMES: FlavourName[] = ['mastodon', 'gotosocial', 'akkoma'];

describeEachDatabase('Mastodon-API flavours: the follow journey', (db) => {
  for (const flavour of FLAVOUR_NAMES) {
    describe(flavour, () => {
      let double: MastodonTestDouble;
      let clock: TestClock;
      let me: DoubleAccount;
      let userId: number;
      let host: string;
      const adapter = () => new MastodonAdapter({ policy, timeoutMs: 2_000, now: () => clock.t });
      const engine = () =>
        new FollowEngine({ database: db(), vault, adapters: [adapter()], now: clock.now, random: () => 0.5 });
      const states = () => taskStates(db(), userId);
      const plan = (targets: string[]) =>
        planFollows(
          db(),
          userId,
          'mastodon',
          targets.map((target) => ({ target })),
        );
      /** Serves, then lets `minutes` pass, as many times as asked. */
      const run = async (rounds: number, minutes = 11) => {
        for (let i = 0; i < rounds; i++) {
          await engine().drain();
          clock.advance(minutes * 60_000);
        }
      };

      beforeAll(async () => {
        double = new MastodonTestDouble({ flavour });
        await double.start();
        host = new URL(double.url).host;
      });
      afterAll(() => double.stop());
      beforeEach(async () => {
        clock = new TestClock();
        double.now = () => clock.t;
        me = double.addAccount(`me${double.accounts.size}`, { locked: false });
        userId = await createUser(db());
        await link(db(), double, userId, me);
      });

      it('follows open accounts, waits on locked and remote ones, and records what their owners answer', async () => {
        const open = double.addAccount(`open${userId}`, { locked: false });
        const locked = double.addAccount(`locked${userId}`, { locked: true });
        const refuses = double.addAccount(`refuses${userId}`, { locked: true });
        const remote = double.addAccount(`Remote${userId}`, { domain: 'far.example' });
        await plan([
          `open${userId}@${host}`,
          `locked${userId}@${host}`,
          `refuses${userId}@${host}`,
          `remote${userId}@far.example`,
        ]);
        await run(1);
        expect(await states()).toEqual({ done: 1, requested: 3 });
        // Nothing answered yet: still requested after another look.
        await run(1);
        expect(await states()).toEqual({ done: 1, requested: 3 });
        double.federate();
        double.answerRequest(me.id, locked.id, true);
        double.answerRequest(me.id, refuses.id, false);
        await run(3, 30);
        expect(await states()).toEqual({ done: 3, declined: 1 });
        expect(double.followingOf(me.id)).toEqual(new Set([open.id, locked.id, remote.id]));
        const followCalls = double.followCalls;
        await run(2, 24 * 60);
        expect(double.followCalls).toBe(followCalls);
      });

      it('a locked account stays requested, looked at less and less often, until its owner answers', async () => {
        const locked = double.addAccount(`slow${userId}`, { locked: true });
        await plan([`slow${userId}@${host}`]);
        await run(1, 1);
        const looks = async () =>
          (
            await db().query<{ attempts: number }>('SELECT attempts FROM follow_tasks WHERE user_id = $1', [
              userId,
            ])
          )[0]?.attempts;
        const first = await looks();
        await run(6, 10);
        const afterHour = await looks();
        // Ten minutes, then twenty, then forty: three looks in the first hour, not six.
        expect((afterHour ?? 0) - (first ?? 0)).toBeLessThanOrEqual(3);
        expect(await states()).toEqual({ requested: 1 });
        double.answerRequest(me.id, locked.id, true);
        await run(2, 24 * 60);
        expect(await states()).toEqual({ done: 1 });
      });

      it('a revoked token pauses the follows; one re-authorisation makes the same link active and they resume', async () => {
        const first = double.addAccount(`first${userId}`, { locked: false });
        const second = double.addAccount(`second${userId}`, { locked: false });
        await plan([`first${userId}@${host}`]);
        await run(1);
        expect(await states()).toEqual({ done: 1 });
        // Revoked at the server, as unlinking or the person's own settings there do.
        const [row] = await liveLinks(db(), userId, 'mastodon');
        expect(row && (await revokeLinkToken(db(), { vault, mastodon: config }, row))).toBe(true);
        expect([...double.tokens.values()].find((t) => t.accountId === me.id && !t.revoked)).toBeUndefined();
        await plan([`second${userId}@${host}`]);
        await run(1);
        expect(await states()).toEqual({ done: 1, pending: 1 });
        expect((await liveLinks(db(), userId, 'mastodon'))[0]?.status).toBe('needs_reauth');
        await run(2, 60);
        expect(await states()).toEqual({ done: 1, pending: 1 });

        const again = await link(db(), double, userId, me, 'reauth');
        expect(Number(again.linkedAccountId)).toBe(Number(row?.id));
        expect((await liveLinks(db(), userId, 'mastodon'))[0]?.status).toBe('active');
        await run(1);
        expect(await states()).toEqual({ done: 2 });
        expect(double.followingOf(me.id)).toEqual(new Set([first.id, second.id]));
      });

      it('lists what the account follows, to the end of the list and no further', async () => {
        const followed = Array.from({ length: 5 }, (_, i) => double.addAccount(`l${userId}x${i}`));
        for (const a of followed) double.followingOf(me.id).add(a.id);
        const token = [...double.tokens].find(([, t]) => t.accountId === me.id)?.[0];
        const session = await adapter().open(
          { id: 0, userId, platform: 'mastodon', accountId: '', handle: '', instance: double.url },
          { accessToken: token, scopes: 'read' },
        );
        expect([...(await session.listFollows())].sort()).toEqual(
          followed.map((a) => `${a.username}@${host}`.toLowerCase()).sort(),
        );
      });

      it('finds a remote account on a server with a port in its address, whatever its case', async () => {
        double.addAccount(`Port${userId}`, { domain: 'far.example:8443' });
        const token = [...double.tokens].find(([, t]) => t.accountId === me.id)?.[0];
        const session = await adapter().open(
          { id: 0, userId, platform: 'mastodon', accountId: '', handle: '', instance: double.url },
          { accessToken: token, scopes: 'read' },
        );
        expect(await session.resolve(`port${userId}@FAR.example:8443`)).toMatchObject({
          id: `port${userId}@far.example:8443`,
        });
      });
    });
  }
});
