// The follow engine's two queue queries at launch scale, on PostgreSQL: claimAccount (the least
// recently served account with due work) and nextDueTime (when an idle worker wakes up), each
// beside the earlier SQL that grew with the whole open queue. Run: npm run bench:claim
import os from 'node:os';
import { openDatabase } from '../src/db/index.ts';
import { exactDueSql } from '../src/reconnect/due-sql.ts';
import { claimAccount, nextDueTime } from '../src/reconnect/store.ts';
import { writeBenchmarkSection } from './lib/report.ts';
import { scratchPostgres } from './lib/scratch-postgres.ts';

const ACCOUNTS = Number(process.env.CLAIM_ACCOUNTS ?? 17_000);
const TASKS = Number(process.env.CLAIM_TASKS ?? 1_000_000);
const RUNS = Number(process.env.CLAIM_RUNS ?? 10);
const PLATFORMS = ['bluesky', 'mastodon'];

/** The queries as they were: an EXISTS per schedule over every task, a min over the whole queue. */
const NAIVE_CLAIM = `SELECT s.linked_account_id FROM follow_schedules s
  JOIN linked_accounts la ON la.id = s.linked_account_id
  WHERE la.status = 'active' AND s.platform = ANY($2::text[])
    AND (s.parked_until IS NULL OR s.parked_until <= $1)
    AND (s.lease_expires_at IS NULL OR s.lease_expires_at <= $1)
    AND EXISTS (SELECT 1 FROM follow_tasks t
                WHERE t.user_id = s.user_id AND t.platform = s.platform
                  AND ((t.state IN ('pending', 'in_flight') AND (t.state = 'pending' OR (t.state = 'in_flight' AND (t.lease_expires_at IS NULL OR t.lease_expires_at <= $1)))
                        AND (t.not_before IS NULL OR t.not_before <= $1))
                    OR (t.state = 'requested' AND (t.lease_expires_at IS NULL OR t.lease_expires_at <= $1)
                        AND (t.not_before IS NULL OR t.not_before <= $1))))
  ORDER BY s.served_at NULLS FIRST, s.linked_account_id
  LIMIT 1
  FOR UPDATE OF s SKIP LOCKED`;

const NAIVE_NEXT_DUE = `SELECT min(greatest(coalesce(s.parked_until, 'epoch'::timestamptz), coalesce(t.not_before, 'epoch'::timestamptz))) AS at
  FROM follow_schedules s
  JOIN linked_accounts la ON la.id = s.linked_account_id AND la.status = 'active'
  JOIN follow_tasks t ON t.user_id = s.user_id AND t.platform = s.platform AND t.state IN ('pending', 'in_flight', 'requested')
  WHERE s.platform = ANY($1::text[])`;

/**
 * Accounts served in random order; one in eight revoked, one in twenty parked. A quarter of the
 * accounts have due work; the rest wait (budget spent, backing off, requests not yet looked at
 * again), with a few tasks in flight under live leases everywhere.
 */
async function seed(database: Awaited<ReturnType<typeof openDatabase>>, now: Date): Promise<void> {
  const params = [ACCOUNTS, TASKS, now];
  await database.query(
    `INSERT INTO users (id) SELECT g FROM generate_series(1, $1::int) g`,
    params.slice(0, 1),
  );
  await database.query(
    `INSERT INTO linked_accounts (id, user_id, platform, account_id, handle, status)
     SELECT g, g, CASE WHEN g % 3 = 0 THEN 'mastodon' ELSE 'bluesky' END, 'acct' || g, 'h' || g,
            CASE WHEN g % 8 = 0 THEN 'revoked' ELSE 'active' END
     FROM generate_series(1, $1::int) g`,
    params.slice(0, 1),
  );
  await database.query(
    `INSERT INTO follow_schedules (linked_account_id, user_id, platform, served_at, parked_until)
     SELECT id, user_id, platform, $1::timestamptz - (random() * interval '2 days'),
            CASE WHEN id % 20 = 0 THEN $1::timestamptz + interval '1 hour' END
     FROM linked_accounts`,
    [now],
  );
  // Task g belongs to account 1 + g % ACCOUNTS; accounts with id % 4 = 1 have work due since an
  // hour ago; revoked accounts keep tasks with no time set (never claimable).
  await database.query(
    `INSERT INTO follow_tasks (user_id, platform, target, state, not_before, lease_owner, lease_expires_at)
     SELECT a, CASE WHEN a % 3 = 0 THEN 'mastodon' ELSE 'bluesky' END, 'target' || g, st,
            CASE WHEN st = 'in_flight' THEN NULL
                 WHEN a % 8 = 0 AND g % 2 = 0 THEN NULL
                 WHEN a % 4 = 1 AND g % 5 <> 0 THEN $3::timestamptz - interval '1 hour'
                 ELSE $3::timestamptz + (1 + g % 48) * interval '1 hour' END,
            CASE WHEN st = 'in_flight' THEN 'w' END,
            CASE WHEN st = 'in_flight' THEN $3::timestamptz + interval '5 minutes' END
     FROM (SELECT g, 1 + g % $1::int AS a,
                  CASE WHEN g % 50 = 0 THEN 'in_flight' WHEN g % 7 = 0 THEN 'requested' ELSE 'pending' END AS st
           FROM generate_series(1, $2::int) g) x`,
    params,
  );
  // Each account's due time as the engine leaves it when it gives the account back.
  await database.query(`UPDATE follow_schedules s SET due_at = ${exactDueSql('s.user_id', 's.platform')}`, [
    now,
  ]);
  await database.query('ANALYZE');
}

async function timeIt(run: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)] ?? 0, p90: times[Math.floor(RUNS * 0.9)] ?? 0 };
}

/** Claims inside a transaction rolled back: every run sees the same queue. */
async function inRollback(
  database: Awaited<ReturnType<typeof openDatabase>>,
  fn: (tx: typeof database) => Promise<unknown>,
) {
  await database
    .transaction(async (tx) => {
      await fn(tx);
      throw new RollBack();
    })
    .catch((err) => {
      if (!(err instanceof RollBack)) throw err;
    });
}
class RollBack extends Error {}

const scratch = await scratchPostgres();
const rows: string[] = [];
try {
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  const now = new Date();
  const seedStart = performance.now();
  await seed(database, now);
  console.log(
    `seeded ${ACCOUNTS} accounts, ${TASKS} tasks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const earlier = new Date(now.getTime() - 2 * 3_600_000);
  const later = new Date(now.getTime() + 49 * 3_600_000);
  const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
    [
      'claimAccount, work due',
      () => inRollback(database, (tx) => tx.query(NAIVE_CLAIM, [now, PLATFORMS])),
      () => inRollback(database, (tx) => claimAccount(tx, 'bench', PLATFORMS, now, 60_000)),
    ],
    [
      'claimAccount, nothing due (idle worker)',
      () => inRollback(database, (tx) => tx.query(NAIVE_CLAIM, [earlier, PLATFORMS])),
      () => inRollback(database, (tx) => claimAccount(tx, 'bench', PLATFORMS, earlier, 60_000)),
    ],
    [
      'claimAccount, everything due',
      () => inRollback(database, (tx) => tx.query(NAIVE_CLAIM, [later, PLATFORMS])),
      () => inRollback(database, (tx) => claimAccount(tx, 'bench', PLATFORMS, later, 60_000)),
    ],
    [
      'nextDueTime',
      () => database.query(NAIVE_NEXT_DUE, [PLATFORMS]),
      () => nextDueTime(database, PLATFORMS),
    ],
  ];
  const [naiveDue] = await database.query<{ at: Date }>(NAIVE_NEXT_DUE, [PLATFORMS]);
  const due = await nextDueTime(database, PLATFORMS);
  // The naive min ignores leases (a task in flight looks due at once): ours is never earlier.
  if (!due || !naiveDue || due < new Date(naiveDue.at))
    throw new Error(`nextDueTime earlier than every open task: ${naiveDue?.at} vs ${due}`);
  for (const [name, naive, ours] of cases) {
    const a = await timeIt(naive);
    const b = await timeIt(ours);
    const line = `| ${name} | ${a.median.toFixed(2)} | ${a.p90.toFixed(2)} | ${b.median.toFixed(2)} | ${b.p90.toFixed(2)} | ${(a.median / b.median).toFixed(0)}× |`;
    console.log(line);
    rows.push(line);
  }
  await database.close();
} finally {
  // CLAIM_KEEP=1 leaves the database for EXPLAIN ANALYZE by hand.
  if (process.env.CLAIM_KEEP) console.log(`kept ${scratch.url}`);
  else await scratch.drop();
}

writeBenchmarkSection(
  'claim',
  `
## Follow engine queue queries (\`npm run bench:claim\`)

{{stamp}}

PostgreSQL, ${ACCOUNTS.toLocaleString('en')} linked accounts with their schedules (one in eight revoked, one in twenty
parked) and ${TASKS.toLocaleString('en')} open follow tasks (pending, in flight under live leases, follow requests
waiting for another look; a quarter of the accounts with work due, the rest waiting until later). Times in ms over
${RUNS} runs; claims run in a transaction rolled back so every run sees the same queue. Naive: the earlier SQL on the
same database (an EXISTS reading all of an account's tasks, a min over the whole queue); ours: \`claimAccount\` and
\`nextDueTime\` as they are: the claim walks the accounts with open work (\`follow_schedules_working_idx\`), skips
those whose \`due_at\` has not come and probes \`follow_tasks_open_due_idx\` for the others (its lease written; the
naive claim only its locking select); the wake-up time is a min over the schedules' due times. Load average when the runs ended (other processes included):
${os
  .loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ')}.

| query | naive median | naive p90 | ours median | ours p90 | speed-up |
|---|---|---|---|---|---|
${rows.join('\n')}
`,
);
