// follow_schedules.due_at (src/reconnect/due-sql.ts): never later than an account's earliest open
// task, so the claim may skip accounts by it. Every path that opens tasks wakes the account, a
// release writes the exact time, a wake during a lease is never lost, an idle look heals the rest.
import { expect, it } from 'vitest';
import {
  type ClaimedAccount,
  claimAccount,
  claimTasks,
  finishBatch,
  nextDueTime,
  releaseAccount,
} from '../../src/reconnect/store.ts';
import { holdPending, planFollows, resumeHeld } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { schedule, userWithFakeAccount } from './helpers.ts';

const vault = ephemeralVault();
const LEASE = 60_000;

describeEachDatabase('follow schedules due times', (db) => {
  const at = (minutes: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + minutes * 60_000);
  const dueAt = async (linkedAccountId: number) => {
    const value = (await schedule(db(), linkedAccountId)).due_at as Date | string | null;
    return value === null ? null : new Date(value);
  };

  /** Claims the account and its tasks at `minute`; `beforeFinish` runs during the lease. */
  async function serveBatch(
    platform: string,
    minute: number,
    outcome: (i: number) => { state: string; notBefore: Date | null } = () => ({
      state: 'done',
      notBefore: null,
    }),
    beforeFinish: () => Promise<unknown> = async () => {},
  ): Promise<ClaimedAccount> {
    const account = (await claimAccount(db(), 'w', [platform], at(minute), LEASE)) as ClaimedAccount;
    expect(account).not.toBeNull();
    const tasks = await claimTasks(db(), account, 'w', 100, at(minute), LEASE);
    await beforeFinish();
    const updates = tasks.map((t, i) => ({ id: t.id, reason: null, ...outcome(i) }));
    await finishBatch(db(), account, 'w', updates, at(minute), {});
    return account;
  }

  it('an account served to the end has no due time; a task planned later wakes it', async () => {
    const platform = 'due-idle';
    const a = await userWithFakeAccount(db(), vault, { targets: 3, platform });
    await serveBatch(platform, 0);
    expect(await dueAt(a.linkedAccountId)).toBeNull();
    expect(await nextDueTime(db(), [platform])).toBeNull();
    expect(await claimAccount(db(), 'w', [platform], at(1), LEASE)).toBeNull();

    await planFollows(db(), a.userId, platform, [{ target: 'did:t:later' }]);
    expect(await dueAt(a.linkedAccountId)).toEqual(new Date(0));
    expect((await claimAccount(db(), 'w', [platform], at(2), LEASE))?.linkedAccountId).toBe(
      a.linkedAccountId,
    );
  });

  it('a release writes the time of the earliest retry, and the claim skips the account until then', async () => {
    const platform = 'due-retry';
    const a = await userWithFakeAccount(db(), vault, { targets: 3, platform });
    await serveBatch(platform, 0, (i) => ({
      state: i === 0 ? 'done' : 'pending',
      notBefore: i === 0 ? null : at(10 + i),
    }));
    expect(await dueAt(a.linkedAccountId)).toEqual(at(11));
    expect(await nextDueTime(db(), [platform])).toEqual(at(11));
    expect(await claimAccount(db(), 'w', [platform], at(10), LEASE)).toBeNull();
    expect((await claimAccount(db(), 'w', [platform], at(11), LEASE))?.linkedAccountId).toBe(
      a.linkedAccountId,
    );
  });

  it('a task planned while the account is leased is not lost when the batch ends', async () => {
    const platform = 'due-lease';
    const a = await userWithFakeAccount(db(), vault, { targets: 2, platform });
    // Planned during the lease (another request, another worker's fan-out).
    await serveBatch(platform, 0, undefined, () =>
      planFollows(db(), a.userId, platform, [{ target: 'did:t:meanwhile' }]),
    );
    expect(await dueAt(a.linkedAccountId)).toEqual(new Date(0));
    const again = (await claimAccount(db(), 'w', [platform], at(1), LEASE)) as ClaimedAccount;
    expect(again?.linkedAccountId).toBe(a.linkedAccountId);
    expect((await claimTasks(db(), again, 'w', 100, at(1), LEASE)).map((t) => t.target)).toEqual([
      'did:t:meanwhile',
    ]);
  });

  it('a release without a batch (parked, nothing claimed) keeps the account due', async () => {
    const platform = 'due-park';
    const a = await userWithFakeAccount(db(), vault, { targets: 2, platform });
    const account = (await claimAccount(db(), 'w', [platform], at(0), LEASE)) as ClaimedAccount;
    await releaseAccount(db(), account, 'w', at(0), {
      parkedUntil: at(30),
      parkReason: 'budget',
      served: false,
    });
    expect(await dueAt(a.linkedAccountId)).toEqual(new Date(0));
    expect(await nextDueTime(db(), [platform])).toEqual(at(30));
    expect((await claimAccount(db(), 'w', [platform], at(30), LEASE))?.linkedAccountId).toBe(
      a.linkedAccountId,
    );
  });

  it('held follows leave a stale due time that an idle look clears; resuming them wakes the account', async () => {
    const platform = 'due-held';
    const a = await userWithFakeAccount(db(), vault, { targets: 2, platform });
    await holdPending(db(), a.userId);
    expect(await dueAt(a.linkedAccountId)).toEqual(new Date(0));
    expect(await claimAccount(db(), 'w', [platform], at(0), LEASE)).toBeNull();
    expect(await dueAt(a.linkedAccountId)).toBeNull();
    expect(await nextDueTime(db(), [platform])).toBeNull();

    expect(await resumeHeld(db(), a.userId, 'pending', [platform])).toBe(2);
    expect(await dueAt(a.linkedAccountId)).toEqual(new Date(0));
    expect((await claimAccount(db(), 'w', [platform], at(1), LEASE))?.linkedAccountId).toBe(
      a.linkedAccountId,
    );
  });

  it('the wake-up time waits for a lease to end', async () => {
    const platform = 'due-leased';
    await userWithFakeAccount(db(), vault, { targets: 1, platform });
    await claimAccount(db(), 'w', [platform], at(0), LEASE);
    expect(await nextDueTime(db(), [platform])).toEqual(new Date(at(0).getTime() + LEASE));
  });
});
