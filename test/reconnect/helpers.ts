// Shared set-up for engine tests: users, linked accounts on the fake peer, a clock to move.
import type { Database } from '../../src/db/index.ts';
import { saveLinkedAccount } from '../../src/reconnect/accounts.ts';
import { planFollows } from '../../src/reconnect/tasks.ts';
import type { Vault } from '../../src/vault/vault.ts';

export async function createUser(database: Database): Promise<number> {
  const rows = await database.query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
  return Number(rows[0]?.id);
}

export async function userWithFakeAccount(
  database: Database,
  vault: Vault,
  options: { targets?: number; prefix?: string; token?: string; platform?: string } = {},
): Promise<{ userId: number; linkedAccountId: number; accountId: string; targets: string[] }> {
  const userId = await createUser(database);
  const accountId = `acct-${userId}`;
  const platform = options.platform ?? 'fake';
  const linkedAccountId = await saveLinkedAccount(database, vault, {
    userId,
    platform,
    accountId,
    handle: `user${userId}.example`,
    credentials: { token: options.token ?? `secret-token-${userId}` },
  });
  const targets = Array.from(
    { length: options.targets ?? 0 },
    (_, i) => `${options.prefix ?? 'did:t'}:${userId}:${i}`,
  );
  await planFollows(
    database,
    userId,
    platform,
    targets.map((target) => ({ target })),
  );
  return { userId, linkedAccountId, accountId, targets };
}

export async function taskStates(database: Database, userId: number): Promise<Record<string, number>> {
  const rows = await database.query<{ state: string; n: string }>(
    'SELECT state, count(*) AS n FROM follow_tasks WHERE user_id = $1 GROUP BY state',
    [userId],
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function schedule(
  database: Database,
  linkedAccountId: number,
): Promise<Record<string, unknown>> {
  const rows = await database.query('SELECT * FROM follow_schedules WHERE linked_account_id = $1', [
    linkedAccountId,
  ]);
  return rows[0] as Record<string, unknown>;
}

export class TestClock {
  t: number;
  constructor(start = Date.parse('2026-03-01T12:00:00Z')) {
    this.t = start;
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}
