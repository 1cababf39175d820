// Synthetic population for the matching benchmark, generated inside the database (no data
// crosses the wire): full users with power-law edge counts and Zipf-like targets, a directory
// holding a share of the X ids, and one account followed by many users in automatic mode.
import type { Database } from '../src/db/index.ts';

export interface PopulationSpec {
  users: number;
  edges: number;
  /** Share of the X id universe present (usable) in the directory. */
  directoryShare: number;
  /** Users following the famous account (light users: one edge, linked, automatic mode). */
  famousFollowers: number;
  /** Size of the X id universe edges point into. */
  universe: number;
}

export interface Population {
  famousUserId: number;
  famousXId: string;
  fullUserIds: number[];
  edges: number;
}

const BASE = 1_000_000_000_000n; // X ids look like real ones (13 digits and up)
const xid = (i: bigint | number) => (BASE + BigInt(i)).toString();

export async function generatePopulation(
  db: Database,
  spec: PopulationSpec,
  log: (line: string) => void,
): Promise<Population> {
  const famousXId = xid(BigInt(spec.universe) + 1n);
  const lightEdges = spec.famousFollowers * 2; // their following edge + the star's follower list
  const fullEdges = Math.max(0, spec.edges - lightEdges);

  // Full users: x id = BASE + 7k (inside the popular head of the universe); 70% proven,
  // 60% on Bluesky, 30% on Mastodon, half in automatic mode. User #1 is the famous account.
  await db.query(
    `INSERT INTO users (x_account_id, x_proven_at)
     SELECT CASE WHEN g = 1 THEN $2 ELSE ($3::bigint + g * 7)::text END,
            CASE WHEN g % 10 < 7 AND g > 1 THEN now() END
       FROM generate_series(1, $1::int) g`,
    [spec.users, famousXId, BASE.toString()],
  );
  const [{ first } = { first: 1 }] = await db.query<{ first: number }>(
    `SELECT min(id)::int AS first FROM users`,
  );
  const famousUserId = first;
  log(`users: ${spec.users}`);

  // Power-law edge counts: user of rank r gets fullEdges * r^-0.5 / H; 40% following, 60% followers.
  const weights = Array.from({ length: spec.users - 1 }, (_, i) => (i + 1) ** -0.5);
  const h = weights.reduce((a, b) => a + b, 0);
  const chunk = 500;
  for (let lo = 1; lo < spec.users; lo += chunk) {
    const hi = Math.min(spec.users - 1, lo + chunk - 1);
    await db.query(
      `INSERT INTO x_edges (user_id, direction, x_id)
       SELECT DISTINCT u.id, d.dir, ($5::bigint + floor($4::float8 * power(random(), 3)))::bigint::text
         FROM (SELECT id, id - $6::int AS r FROM users WHERE id - $6::int BETWEEN $1 AND $2) u
         CROSS JOIN LATERAL (VALUES (1, 0.4), (2, 0.6)) AS d(dir, share)
         CROSS JOIN LATERAL generate_series(1, greatest(1, ceil($3::float8 * power(u.r, -0.5) * d.share))::int) g`,
      [lo, hi, fullEdges / h, spec.universe, BASE.toString(), famousUserId],
    );
    if ((lo - 1) % 5000 === 0) log(`edges: users ${lo}–${hi}`);
  }
  await db.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance)
     SELECT id, 'bluesky', 'did:plc:u' || id, 'u' || id || '.bsky.test', NULL FROM users
      WHERE id <> $1 AND (id % 10) < 6
     UNION ALL
     SELECT id, 'mastodon', 'social.test:' || id, 'u' || id || '@social.test', 'social.test' FROM users
      WHERE id <> $1 AND (id % 10) >= 7`,
    [famousUserId],
  );
  await db.query(
    `INSERT INTO user_consents (user_id, discoverable, auto_follow)
     SELECT id, true, id <> $1 AND id % 2 = 0 FROM users`,
    [famousUserId],
  );

  // The famous account's followers: light users, proven, on Bluesky, in automatic mode.
  await db.query(
    `INSERT INTO users (x_account_id, x_proven_at)
     SELECT ($2::bigint + $3::bigint + 10 + g)::text, now() FROM generate_series(1, $1::int) g`,
    [spec.famousFollowers, BASE.toString(), spec.universe],
  );
  const light = `SELECT id, x_account_id FROM users WHERE id >= $1::int + $2::int`;
  await db.query(`INSERT INTO x_edges (user_id, direction, x_id) SELECT id, 1, $3 FROM (${light}) l`, [
    famousUserId,
    spec.users,
    famousXId,
  ]);
  await db.query(
    `INSERT INTO x_edges (user_id, direction, x_id) SELECT $3::bigint, 2, x_account_id FROM (${light}) l`,
    [famousUserId, spec.users, famousUserId],
  );
  await db.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle)
     SELECT id, 'bluesky', 'did:plc:l' || id, 'l' || id || '.bsky.test' FROM (${light}) l`,
    [famousUserId, spec.users],
  );
  await db.query(
    `INSERT INTO user_consents (user_id, discoverable, auto_follow) SELECT id, true, true FROM (${light}) l`,
    [famousUserId, spec.users],
  );
  log(`famous account ${famousXId}: ${spec.famousFollowers} followers`);

  // Directory: sign-up rows of proven linked full users, then trusted imports for a share of the universe.
  await db.query(
    `INSERT INTO directory_entries (x_id, platform, target, account_id, handle, instance, source, user_id, trusted, usable, usable_since)
     SELECT u.x_account_id, la.platform, CASE la.platform WHEN 'mastodon' THEN la.handle ELSE la.account_id END,
            la.account_id, la.handle, la.instance, 'signup', u.id, true, true, now()
       FROM users u JOIN linked_accounts la ON la.user_id = u.id
      WHERE u.x_proven_at IS NOT NULL AND u.id < $1::int + $2::int AND u.id <> $1`,
    [famousUserId, spec.users],
  );
  await db.query(
    `INSERT INTO directory_entries (x_id, platform, target, account_id, handle, source, trusted, usable, usable_since)
     SELECT ($2::bigint + g)::text, 'bluesky', 'did:plc:x' || g, 'did:plc:x' || g, 'x' || g || '.bsky.test', 'import', true, true, now()
       FROM generate_series(0, $1::int - 1) g WHERE g % 1000 < $3::int
     ON CONFLICT (x_id, platform) DO NOTHING`,
    [spec.universe, BASE.toString(), Math.round(spec.directoryShare * 1000)],
  );
  // Linking creates each account's schedule; with nothing open, the engine leaves it without a
  // due time, so a fan-out wakes every schedule it plans for (the costliest case).
  await db.query(
    `INSERT INTO follow_schedules (linked_account_id, user_id, platform, due_at)
     SELECT id, user_id, platform, NULL FROM linked_accounts`,
  );
  await db.query('ANALYZE');
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM x_edges`);
  const full = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM users WHERE id > $1 AND id < $1::int + $2::int`,
    [famousUserId, spec.users],
  );
  log(`edges stored: ${n}`);
  return { famousUserId, famousXId, fullUserIds: full.map((r) => r.id), edges: n };
}
