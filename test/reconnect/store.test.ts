import { expect, it } from 'vitest';
import {
  type ClaimedAccount,
  claimAccount,
  claimTasks,
  finishBatch,
  nextDueTime,
  releaseAccount,
  type TaskUpdate,
} from '../../src/reconnect/store.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { schedule, userWithFakeAccount } from './helpers.ts';

const vault = ephemeralVault();
const STATES = ['done', 'unavailable', 'failed', 'in_flight', 'pending'] as const;

describeEachDatabase('follow task store', (db) => {
  it('records each outcome of a batch on its own task, only under this worker’s lease', async () => {
    const platform = 'store-batch';
    const a = await userWithFakeAccount(db(), vault, { targets: 250, platform });
    const now = new Date('2026-01-01T00:00:00Z');
    const account = await claimAccount(db(), 'w1', [platform], now, 60_000);
    if (!account) throw new Error('no account claimed');
    const tasks = await claimTasks(db(), account, 'w1', 250, now, 60_000);
    expect(tasks).toHaveLength(250);
    // Another worker took the last 10 over (their lease expired, say): they are not ours to write.
    const stolen = tasks.slice(240).map((t) => t.id);
    await db().query(`UPDATE follow_tasks SET lease_owner = 'w2' WHERE id = ANY($1::bigint[])`, [stolen]);
    const updates: TaskUpdate[] = tasks.map((t, i) => ({
      id: t.id,
      state: STATES[i % STATES.length] as string,
      reason: `outcome ${i}`,
      notBefore: i % 2 ? new Date(now.getTime() + i * 1000) : null,
      refundAttempt: i % 3 === 0,
    }));
    await finishBatch(db(), account, 'w1', [...updates].reverse(), now, {});
    const rows = await db().query<{
      id: string;
      state: string;
      reason: string;
      attempts: number;
      lease_owner: string | null;
    }>('SELECT id, state, reason, attempts, lease_owner FROM follow_tasks WHERE user_id = $1 ORDER BY id', [
      a.userId,
    ]);
    rows.forEach((row, i) => {
      if (i >= 240) {
        expect(row).toMatchObject({ state: 'in_flight', lease_owner: 'w2', attempts: 1 });
        return;
      }
      expect(row).toMatchObject({
        state: STATES[i % STATES.length],
        reason: `outcome ${i}`,
        attempts: i % 3 === 0 ? 0 : 1,
        lease_owner: null,
      });
    });
    expect((await schedule(db(), account.linkedAccountId)).lease_owner).toBeNull();
  });

  it('wakes at the earliest open task of an active account, its parking if later; claims only what is due', async () => {
    const platform = 'store-next-due';
    const now = new Date('2026-01-01T00:00:00Z');
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const setTasks = (userId: number, set: string, params: unknown[] = []) =>
      db().query(`UPDATE follow_tasks SET ${set} WHERE user_id = $1`, [userId, ...params]);
    expect(await nextDueTime(db(), [platform])).toBeNull();
    const waiting = await userWithFakeAccount(db(), vault, { targets: 1, platform });
    await setTasks(waiting.userId, 'not_before = $2', [minutes(10)]);
    const parked = await userWithFakeAccount(db(), vault, { targets: 1, platform });
    await setTasks(parked.userId, `state = 'requested', not_before = $2`, [minutes(5)]);
    await db().query('UPDATE follow_schedules SET parked_until = $2 WHERE linked_account_id = $1', [
      parked.linkedAccountId,
      minutes(30),
    ]);
    // Parked, with nothing open: no wake-up of its own (not its parking's end, not the epoch).
    const finished = await userWithFakeAccount(db(), vault, { targets: 1, platform });
    await setTasks(finished.userId, `state = 'done'`);
    const revoked = await userWithFakeAccount(db(), vault, { targets: 1, platform });
    await db().query(`UPDATE linked_accounts SET status = 'revoked' WHERE id = $1`, [
      revoked.linkedAccountId,
    ]);

    // The raw updates above left every due time at 'maybe now': a look that finds nothing due
    // writes each account's exact one.
    expect(await claimAccount(db(), 'w1', [platform], now, 60_000)).toBeNull();
    expect(await nextDueTime(db(), [platform])).toEqual(minutes(10));
    expect(await claimAccount(db(), 'w1', [platform], minutes(9), 60_000)).toBeNull();
    // Due, but in flight under a live lease: not claimable until the lease runs out.
    await setTasks(waiting.userId, `state = 'in_flight', lease_owner = 'w0', lease_expires_at = $2`, [
      minutes(20),
    ]);
    expect(await claimAccount(db(), 'w1', [platform], minutes(15), 60_000)).toBeNull();
    const claimed = await claimAccount(db(), 'w1', [platform], minutes(21), 60_000);
    expect(claimed?.linkedAccountId).toBe(waiting.linkedAccountId);
    // The request is due at 5 minutes but its account is parked until 30.
    await setTasks(waiting.userId, `state = 'done'`);
    await releaseAccount(db(), claimed as ClaimedAccount, 'w1', minutes(21), {});
    expect(await nextDueTime(db(), [platform])).toEqual(minutes(30));
    expect(await claimAccount(db(), 'w2', [platform], minutes(29), 60_000)).toBeNull();
    expect((await claimAccount(db(), 'w2', [platform], minutes(30), 60_000))?.linkedAccountId).toBe(
      parked.linkedAccountId,
    );
  });
});
