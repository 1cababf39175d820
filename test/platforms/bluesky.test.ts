// The Bluesky adapter and engine against a real PDS (@atproto/dev-env), one for this file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter, blueskyFetch } from '../../src/platforms/bluesky/adapter.ts';
import { BlueskyLinkError, linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type LocalServer, localServer } from '../net/local-server.ts';
import { createUser, schedule, taskStates } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { dumpDatabase } from '../vault/dump.ts';
import {
  type BlueskyNetwork,
  followRecordCounts,
  startBlueskyNetwork,
  syntheticDids,
} from './bluesky-network.ts';

const vault = ephemeralVault();
let net: BlueskyNetwork;
/** A PDS that takes the request and never answers. */
let stalled: LocalServer;
beforeAll(async () => {
  net = await startBlueskyNetwork();
  stalled = await localServer(() => {});
}, 60_000);
afterAll(async () => {
  await stalled?.close();
  await net?.close();
});

/** Unlimited budget: these tests are about correctness; budgets have their own suite. */
const engine = (database: Parameters<typeof planFollows>[0]) =>
  new FollowEngine({
    database,
    vault,
    adapters: [new BlueskyAdapter({ policy: DEVELOPMENT_POLICY, timeoutMs: 5_000 })],
    budgets: { bluesky: { windows: [], fraction: 1 } },
    backoff: { baseMs: 10, maxMs: 50, maxAttempts: 5 },
  });

describeEachDatabase('Bluesky against a real PDS', (db) => {
  it('links with an app password and keeps neither it nor the session tokens in clear', async () => {
    const alice = await net.createAccount('alice');
    const userId = await createUser(db());
    const linked = await linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: alice.handle,
      appPassword: alice.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    expect(linked).toMatchObject({ did: alice.did, handle: alice.handle });
    const dump = await dumpDatabase(db());
    expect(dump).toContain(alice.did);
    expect(dump).not.toContain(alice.appPassword);
    expect(dump).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('refuses wrong credentials with a clear message and stores nothing', async () => {
    const bob = await net.createAccount('bob');
    const userId = await createUser(db());
    const attempt = linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: bob.handle,
      appPassword: 'aaaa-bbbb-cccc-dddd',
      policy: DEVELOPMENT_POLICY,
    });
    await expect(attempt).rejects.toThrow(BlueskyLinkError);
    await expect(attempt).rejects.toThrow(/refused these credentials/);
    await expect(
      linkBlueskyWithAppPassword(db(), vault, {
        userId,
        service: 'not a url',
        identifier: 'x',
        appPassword: 'y',
      }),
    ).rejects.toThrow(/--service must be/);
    const rows = await db().query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId]);
    expect(rows).toHaveLength(0);
  });

  it("runs the caller's work in the link's transaction: if it fails, no link is stored", async () => {
    const carol = await net.createAccount('carol');
    const userId = await createUser(db());
    const input = {
      userId,
      service: net.url,
      identifier: carol.handle,
      appPassword: carol.appPassword,
      policy: DEVELOPMENT_POLICY,
    };
    const seen: number[] = [];
    await expect(
      linkBlueskyWithAppPassword(db(), vault, input, async (tx, link) => {
        seen.push(
          (await tx.query('SELECT 1 FROM linked_accounts WHERE id = $1', [link.linkedAccountId])).length,
        );
        throw new Error('directory refused');
      }),
    ).rejects.toThrow('directory refused');
    expect(seen).toEqual([1]); // the row was there, inside the transaction
    expect(await db().query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId])).toHaveLength(0);
    const linked = await linkBlueskyWithAppPassword(db(), vault, input, async () => {});
    expect(linked.did).toBe(carol.did);
  });

  it('follows through applyWrites in batches of 200, never twice, and never again after an unfollow', async () => {
    const carol = await net.createAccount('carol');
    const userId = await createUser(db());
    await linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: carol.handle,
      appPassword: carol.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    const targets = syntheticDids(450, `c${userId}${db().kind}`);
    // Carol already follows the first target herself.
    await carol.agent.app.bsky.graph.follow.create(
      { repo: carol.did },
      { subject: targets[0] as `did:${string}:${string}`, createdAt: new Date().toISOString() },
    );
    await planFollows(
      db(),
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    const e = engine(db());
    expect(await e.drain()).toBe(3);
    expect(await taskStates(db(), userId)).toEqual({ done: 449, already_following: 1 });
    const counts = await followRecordCounts(net.url, carol.did);
    expect(counts.size).toBe(450);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    // Carol unfollows one Passerelle followed; planning it again changes nothing.
    const records = await carol.agent.com.atproto.repo.listRecords({
      repo: carol.did,
      collection: 'app.bsky.graph.follow',
      limit: 1,
    });
    const removed = records.data.records[0];
    if (!removed) throw new Error('no record');
    await carol.agent.com.atproto.repo.deleteRecord({
      repo: carol.did,
      collection: 'app.bsky.graph.follow',
      rkey: removed.uri.split('/').pop() as string,
    });
    const subject = (removed.value as { subject: string }).subject;
    const more = syntheticDids(3, `m${userId}${db().kind}`);
    await planFollows(
      db(),
      userId,
      'bluesky',
      [subject, ...more].map((target) => ({ target })),
    );
    await engine(db()).drain();
    const after = await followRecordCounts(net.url, carol.did);
    expect(after.has(subject)).toBe(false);
    expect(after.size).toBe(452);
  });

  it('pauses on credentials the PDS no longer accepts, and resumes after linking again', async () => {
    const dan = await net.createAccount('dan');
    const userId = await createUser(db());
    const { linkedAccountId } = await linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: dan.handle,
      appPassword: dan.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    await planFollows(
      db(),
      userId,
      'bluesky',
      syntheticDids(5, `d${userId}${db().kind}`).map((target) => ({ target })),
    );
    // The PDS takes the account down: its sessions are refused.
    await net.network.pds.ctx.accountManager.takedownAccount(dan.did, { applied: true, ref: 'test' });
    await engine(db()).drain();
    expect(await taskStates(db(), userId)).toEqual({ pending: 5 });
    const link = await db().query<{ status: string }>('SELECT status FROM linked_accounts WHERE id = $1', [
      linkedAccountId,
    ]);
    expect(link[0]?.status).toBe('needs_reauth');
    expect((await schedule(db(), linkedAccountId)).park_reason).toBe('needs_reauth');
    await net.network.pds.ctx.accountManager.takedownAccount(dan.did, { applied: false });
    await linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: dan.handle,
      appPassword: dan.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    await engine(db()).drain();
    expect(await taskStates(db(), userId)).toEqual({ done: 5 });
    expect((await followRecordCounts(net.url, dan.did)).size).toBe(5);
  });

  it('rides out 500s, connection resets, lost answers and a slow PDS: nothing lost, nothing doubled', async () => {
    const erin = await net.createAccount('erin');
    const userId = await createUser(db());
    await linkBlueskyWithAppPassword(db(), vault, {
      userId,
      service: net.url,
      identifier: erin.handle,
      appPassword: erin.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    const targets = syntheticDids(250, `e${userId}${db().kind}`);
    await planFollows(
      db(),
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    const faults: Array<'lost' | '500' | 'reset' | 'slow'> = ['lost', '500', 'reset', 'slow'];
    // The adapter's own safe fetch, with its timeout; a slow PDS is a server that never answers.
    const pds = blueskyFetch({ policy: DEVELOPMENT_POLICY, timeoutMs: 3_000 });
    const faulty: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const fault = url.includes('applyWrites') ? faults.shift() : undefined;
      const reset = () =>
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        });
      if (fault === '500') {
        return new Response(
          JSON.stringify({ error: 'InternalServerError', message: 'Internal Server Error' }),
          {
            status: 500,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      if (fault === 'reset') throw reset();
      if (fault === 'lost') {
        // The PDS writes, then the connection drops before the answer arrives.
        await pds(input, init);
        throw reset();
      }
      if (fault === 'slow') return pds(stalled.url, { method: 'POST', body: '{}' });
      return pds(input, init);
    };
    const e = new FollowEngine({
      database: db(),
      vault,
      adapters: [new BlueskyAdapter({ fetch: faulty })],
      budgets: { bluesky: { windows: [], fraction: 1 } },
      backoff: { baseMs: 20, maxMs: 100, maxAttempts: 8 },
    });
    await e.serveOne();
    const afterFirst = await db().query<{ state: string; reason: string }>(
      'SELECT DISTINCT state, reason FROM follow_tasks WHERE user_id = $1 AND reason IS NOT NULL',
      [userId],
    );
    expect(afterFirst).toEqual([
      {
        state: 'in_flight',
        reason: expect.stringMatching(
          /^retrying: applyWrites at http:\/\/localhost:\d+ failed: connection reset$/,
        ),
      },
    ]);
    for (let i = 0; i < 100 && (await taskStates(db(), userId)).done !== 250; i++) {
      await e.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(faults).toEqual([]);
    expect(await taskStates(db(), userId)).toEqual({ done: 250 });
    const counts = await followRecordCounts(net.url, erin.did);
    expect(counts.size).toBe(250);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it('resolves handles to DIDs and says null for unknown ones', async () => {
    const fay = await net.createAccount('fay');
    const session = await new BlueskyAdapter({ policy: DEVELOPMENT_POLICY }).open(
      { id: 0, userId: 0, platform: 'bluesky', accountId: fay.did, handle: fay.handle, instance: net.url },
      { kind: 'app-password', service: net.url, identifier: fay.handle, appPassword: fay.appPassword },
    );
    expect(await session.resolve(`@${fay.handle}`)).toEqual({ id: fay.did, handle: `@${fay.handle}` });
    expect(await session.resolve('nobody-here.test')).toBeNull();
    expect(await session.listFollows()).toEqual(new Set());
  });
});
