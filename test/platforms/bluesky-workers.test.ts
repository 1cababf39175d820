// The command line and worker processes against a real PDS: `passerelle link bluesky`, and a
// worker killed with SIGKILL in the middle of 1,000 follows while another one takes over.
// Several worker processes share one database only on PostgreSQL (PGlite is one process by
// design: `passerelle serve` runs its worker inside), so the crash test runs on PostgreSQL.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { setPlatformBudget } from '../../src/reconnect/budget.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import { createScratchPostgres } from '../support/databases.ts';
import {
  type BlueskyNetwork,
  followRecordCounts,
  startBlueskyNetwork,
  syntheticDids,
} from './bluesky-network.ts';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cli.ts');
const VAULT_KEYS = `k1:${randomBytes(32).toString('base64')}`;

let net: BlueskyNetwork;
let database: Database;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void>;

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function states(userId: number): Promise<Record<string, number>> {
  const rows = await database.query<{ state: string; n: string }>(
    'SELECT state, count(*) AS n FROM follow_tasks WHERE user_id = $1 GROUP BY state',
    [userId],
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(hasPostgres)('worker processes against a real PDS [postgres]', () => {
  beforeAll(async () => {
    net = await startBlueskyNetwork();
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    database = await openDatabase({ kind: 'postgres', url: scratch.url });
    env = {
      ...process.env,
      DATABASE_URL: scratch.url,
      PASSERELLE_VAULT_KEYS: VAULT_KEYS,
      PASSERELLE_LEASE_MS: '4000',
      // The PDS is local (http, loopback): the development setting.
      PASSERELLE_MASTODON_ALLOW_PRIVATE: '1',
    };
    // The test PDS has its rate limits off: let the engine go as fast as it can.
    await setPlatformBudget(database, 'bluesky', { windows: [], fraction: 1 });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
    await net?.close();
  });

  it('links from the command line, and says what is wrong with bad input (exit 2)', async () => {
    const alice = await net.createAccount('alice');
    await database.query(`INSERT INTO users (x_account_id) VALUES ('1234567890123456789')`);
    const base = ['link', 'bluesky', '--service', net.url, '--identifier', alice.handle];
    const unknown = await run([...base, '--x-id', '42', '--app-password', alice.appPassword]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No Passerelle user has X id 42.*archive import/);
    const wrong = await run([
      ...base,
      '--x-id',
      '1234567890123456789',
      '--app-password',
      'aaaa-bbbb-cccc-dddd',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/refused these credentials/);
    expect(wrong.stderr).not.toContain('aaaa-bbbb-cccc-dddd');
    const missing = await run(['link', 'bluesky', '--x-id', '1234567890123456789']);
    expect(missing.code).toBe(2);
    expect(await database.query('SELECT 1 FROM linked_accounts')).toHaveLength(0);
    const ok = await run([...base, '--x-id', '1234567890123456789', '--app-password', alice.appPassword]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(alice.did);
    expect(ok.stdout).not.toContain(alice.appPassword);
    // Five command processes, each loading the program: slow on a loaded machine.
  }, 120_000);

  it('F3: one DID belongs to one user: linking it to a second user is refused (exit 2), naming the holder', async () => {
    const carol = await net.createAccount('carol');
    await database.query(`INSERT INTO x_accounts (id, username) VALUES ('5550001', 'carol_x')`);
    await database.query(`INSERT INTO users (x_account_id) VALUES ('5550001'), ('5550002')`);
    const base = ['link', 'bluesky', '--service', net.url, '--identifier', carol.handle];
    const first = await run([...base, '--x-id', '5550001', '--app-password', carol.appPassword]);
    expect(first.code).toBe(0);
    const second = await run([...base, '--x-id', '5550002', '--app-password', carol.appPassword]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already linked to another Passerelle user \(X account @carol_x\)/);
    const live = await database.query<{ x_account_id: string }>(
      `SELECT u.x_account_id FROM linked_accounts la JOIN users u ON u.id = la.user_id
       WHERE la.account_id = $1 AND la.status <> 'unlinked'`,
      [carol.did],
    );
    expect(live).toEqual([{ x_account_id: '5550001' }]);
  }, 120_000);

  it('F8: the main account password is refused as --app-password, pointing to the app passwords', async () => {
    const dave = await net.createAccount('dave');
    await database.query(`INSERT INTO users (x_account_id) VALUES ('5550003')`);
    const base = ['link', 'bluesky', '--x-id', '5550003', '--service', net.url, '--identifier', dave.handle];
    const main = await run([...base, '--app-password', dave.password]);
    expect(main.code).toBe(2);
    expect(main.stderr).toMatch(/main Bluesky password.*App passwords/s);
    expect(main.stderr).not.toContain(dave.password);
    const users = `SELECT 1 FROM linked_accounts la JOIN users u ON u.id = la.user_id WHERE u.x_account_id = '5550003'`;
    expect(await database.query(users)).toHaveLength(0);
    // An app password made for it (com.atproto.server.createAppPassword) links.
    const app = await dave.agent.com.atproto.server.createAppPassword({ name: 'f8' });
    const ok = await run([...base, '--app-password', app.data.password]);
    expect(ok.code).toBe(0);
    expect(await database.query(users)).toHaveLength(1);
  }, 120_000);

  it('survives a worker killed with SIGKILL mid-run: every follow exists exactly once', async () => {
    const bob = await net.createAccount('bob');
    await database.query(`INSERT INTO users (x_account_id) VALUES ('9876543210')`);
    const linked = await run([
      'link',
      'bluesky',
      '--x-id',
      '9876543210',
      '--service',
      net.url,
      '--identifier',
      bob.handle,
      '--app-password',
      bob.appPassword,
    ]);
    expect(linked.code).toBe(0);
    const rows = await database.query<{ id: string }>(
      `SELECT id FROM users WHERE x_account_id = '9876543210'`,
    );
    const userId = Number(rows[0]?.id);
    const targets = syntheticDids(1_000, `crash${userId}`);
    await planFollows(
      database,
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );

    const first = start(['worker']);
    // Kill it once it has done some follows and holds more in flight.
    for (;;) {
      const s = await states(userId);
      if ((s.done ?? 0) >= 200 && (s.in_flight ?? 0) > 0) break;
      if (first.exitCode !== null) throw new Error('the first worker exited on its own');
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.on('exit', r));
    const atKill = await states(userId);
    expect(atKill.done ?? 0).toBeLessThan(1_000);

    // Its lease runs out; a second worker drains the rest.
    const [lease] = await database.query<{ until: Date | null }>(
      'SELECT max(lease_expires_at) AS until FROM follow_schedules',
    );
    const wait = lease?.until ? new Date(lease.until).getTime() - Date.now() + 200 : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const second = await run(['worker', '--until-idle']);
    expect(second.code).toBe(0);

    expect(await states(userId)).toEqual({ done: 1_000 });
    const counts = await followRecordCounts(net.url, bob.did);
    expect(counts.size).toBe(1_000);
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(targets));
  }, 120_000);
});
