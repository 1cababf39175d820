// A PDS that stops answering, on the real PDS behind a relay that freezes: the engine stopped at
// its bound gives back what it holds at once (no lease left to run out, no attempt spent), and
// once the PDS answers again every follow is made exactly once. Then `passerelle worker
// --until-idle` itself: it prints its bound and keeps to it, and after a worker killed mid-batch
// its summary names the follows still in flight and until when, never "nothing more due".
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { openDatabase } from '../../src/db/index.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import { linkBlueskyWithAppPassword } from '../../src/platforms/bluesky/link.ts';
import { setPlatformBudget } from '../../src/reconnect/budget.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { queueAfterRun } from '../../src/reconnect/store.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createScratchPostgres, describeEachDatabase } from '../support/databases.ts';
import { type FreezableProxy, freezableProxy } from '../support/freezable-proxy.ts';
import {
  type BlueskyNetwork,
  followRecordCounts,
  startBlueskyNetwork,
  syntheticDids,
} from './bluesky-network.ts';

let net: BlueskyNetwork;
let proxy: FreezableProxy;
beforeAll(async () => {
  net = await startBlueskyNetwork();
  proxy = await freezableProxy(net.url);
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await net?.close();
});

/** A user whose Bluesky account is linked through the relay, with `n` follows planned. */
async function plannedUser(
  database: Database,
  vault: ReturnType<typeof ephemeralVault>,
  name: string,
  n: number,
) {
  const account = await net.createAccount(name);
  const [row] = await database.query<{ id: string }>(`INSERT INTO users DEFAULT VALUES RETURNING id`);
  const userId = Number(row?.id);
  await linkBlueskyWithAppPassword(database, vault, {
    userId,
    service: proxy.url,
    identifier: account.handle,
    appPassword: account.appPassword,
    policy: DEVELOPMENT_POLICY,
  });
  const targets = syntheticDids(n, `${name}-frozen`);
  await planFollows(
    database,
    userId,
    'bluesky',
    targets.map((target) => ({ target })),
  );
  return { userId, did: account.did, targets };
}

async function taskRows(database: Database, userId: number) {
  return database.query<{ state: string; attempts: number; leased: boolean }>(
    `SELECT state, attempts, lease_expires_at IS NOT NULL AS leased FROM follow_tasks WHERE user_id = $1`,
    [userId],
  );
}

async function expectEachFollowedOnce(did: string, targets: string[]) {
  const counts = await followRecordCounts(net.url, did);
  expect(new Set(counts.keys())).toEqual(new Set(targets));
  expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
}

describeEachDatabase('a frozen PDS', (db) => {
  it('stops at the bound, gives back account and tasks at once, and loses or doubles nothing', async () => {
    const vault = ephemeralVault();
    await setPlatformBudget(db(), 'bluesky', { windows: [], fraction: 1 });
    const suffix = randomBytes(3).toString('hex');
    const people = [
      await plannedUser(db(), vault, `fa${suffix}`, 12),
      await plannedUser(db(), vault, `fb${suffix}`, 12),
    ];
    // A lease far longer than the bound: only giving back lets the next run go on at once.
    const engine = () =>
      new FollowEngine({
        database: db(),
        vault,
        adapters: [new BlueskyAdapter({ policy: DEVELOPMENT_POLICY })],
        leaseMs: 600_000,
      });

    proxy.freeze();
    try {
      expect(await engine().drain({ signal: AbortSignal.timeout(1_500) })).toBe(0);
    } finally {
      proxy.thaw();
    }
    for (const p of people) {
      // Nothing was sent: the claimed tasks are pending again, unleased, their attempt refunded.
      expect(await taskRows(db(), p.userId)).toEqual(
        Array.from({ length: 12 }, () => ({ state: 'pending', attempts: 0, leased: false })),
      );
    }
    const accountLeases = await db().query(
      `SELECT 1 FROM follow_schedules WHERE lease_expires_at IS NOT NULL`,
    );
    expect(accountLeases).toEqual([]);
    expect(await queueAfterRun(db(), ['bluesky'], new Date())).toMatchObject({ dueNow: 24, inFlight: 0 });

    // The PDS answers again: everything is made, once.
    expect(await engine().drain()).toBeGreaterThan(0);
    for (const p of people) {
      expect((await taskRows(db(), p.userId)).every((t) => t.state === 'done')).toBe(true);
      await expectEachFollowedOnce(p.did, p.targets);
    }
    expect(await queueAfterRun(db(), ['bluesky'], new Date())).toEqual({
      dueNow: 0,
      inFlight: 0,
      inFlightUntil: null,
      later: 0,
      laterFrom: null,
      held: 0,
    });
  }, 120_000);
});

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cli.ts');

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  'passerelle worker --until-idle, frozen PDS [postgres]',
  () => {
    let database: Database;
    let drop: () => Promise<void>;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      const scratch = await createScratchPostgres();
      drop = scratch.drop;
      database = await openDatabase({ kind: 'postgres', url: scratch.url });
      const keys = `k1:${randomBytes(32).toString('base64')}`;
      env = {
        ...process.env,
        DATABASE_URL: scratch.url,
        PASSERELLE_VAULT_KEYS: keys,
        PASSERELLE_LEASE_MS: '8000',
        // The test PDS and its relay listen on 127.0.0.1.
        PASSERELLE_MASTODON_ALLOW_PRIVATE: '1',
      };
      await setPlatformBudget(database, 'bluesky', { windows: [], fraction: 1 });
    }, 60_000);
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    const start = (args: string[]): ChildProcess =>
      spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
      const child = start(args);
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
    }

    it('keeps to the bound it prints, and names what is in flight after a worker was killed', async () => {
      const { vaultFromEnv } = await import('../../src/vault/vault.ts');
      const vault = vaultFromEnv(env);
      const suffix = randomBytes(3).toString('hex');
      const alice = await plannedUser(database, vault, `ca${suffix}`, 10);

      expect((await run(['worker', '--until-idle', '--max-seconds', 'soon'])).code).toBe(2);

      proxy.freeze();
      const frozen = await run(['worker', '--until-idle', '--max-seconds', '2']);
      expect(frozen.code).toBe(0);
      expect(frozen.stderr).toContain('serving what is due now, for at most 2 s (--max-seconds)');
      expect(frozen.stderr).toMatch(
        /0 batch\(es\) served in \d+ s, stopped at the bound .*; 10 follow\(s\) still due now: run it again\./,
      );
      expect((await taskRows(database, alice.userId)).every((t) => t.state === 'pending' && !t.leased)).toBe(
        true,
      );

      // A worker killed while it holds the account: its leases stay until they run out.
      const doomed = start(['worker', '--until-idle', '--max-seconds', '60']);
      for (;;) {
        const rows = await taskRows(database, alice.userId);
        if (rows.some((t) => t.state === 'in_flight')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      doomed.kill('SIGKILL');
      await new Promise((r) => doomed.on('exit', r));
      proxy.thaw();
      // The dead worker's leases are set to run out in ten minutes, whatever the machine's load
      // (a slow start of the next process must not outlive them), then made to run out below.
      const leases = (until: string) =>
        Promise.all(
          ['follow_tasks', 'follow_schedules'].map((table) =>
            database.query(
              `UPDATE ${table} SET lease_expires_at = ${until} WHERE user_id = $1 AND lease_expires_at IS NOT NULL`,
              [alice.userId],
            ),
          ),
        );
      await leases(`date_trunc('second', now()) + interval '10 minutes'`);
      const [lease] = await database.query<{ until: Date }>(
        `SELECT min(lease_expires_at) AS until FROM follow_tasks WHERE state = 'in_flight'`,
      );
      const rerun = await run(['worker', '--until-idle', '--max-seconds', '20']);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).not.toContain('nothing more due');
      expect(rerun.stderr).toContain(
        `10 follow(s) in flight under another worker's lease until ${new Date(lease?.until as Date).toISOString()}`,
      );

      // Once the lease has run out, a run makes each follow once.
      await leases(`now() - interval '1 second'`);
      const last = await run(['worker', '--until-idle']);
      expect(last.stderr).toContain(`for at most 240 s (--max-seconds)`);
      expect(last.stderr).toMatch(/; nothing more due now\.\n$/);
      expect((await taskRows(database, alice.userId)).every((t) => t.state === 'done')).toBe(true);
      await expectEachFollowedOnce(alice.did, alice.targets);
    }, 180_000);
  },
);
