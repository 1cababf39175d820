// Small builders for directory tests: users, proofs, linked accounts and archives written
// straight into the database (linking flows belong to the follow engine).
import type { Database } from '../../src/db/index.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { type ArchiveGraph, type IdBatches, importArchiveForUser } from '../../src/graph/ingest.ts';
import { recordXProof } from '../../src/identity/proof.ts';

export function ids(list: string[]): IdBatches {
  return {
    size: list.length,
    *batches(n: number) {
      for (let i = 0; i < list.length; i += n) yield list.slice(i, i + n);
    },
  };
}

export function archive(
  owner: string,
  following: string[],
  followers: string[] = [],
  safety: { blocking?: string[]; muting?: string[] } = {},
): ArchiveGraph {
  return {
    owner: { accountId: owner, username: `u${owner}`, displayName: `User ${owner}` },
    following: ids(following),
    followers: ids(followers),
    blocking: ids(safety.blocking ?? []),
    muting: ids(safety.muting ?? []),
    warnings: [],
    layout: 'expanded',
    source: 'zip',
  };
}

/**
 * The user answered yes to "let the people who followed you on X find you here" (unanswered
 * counts as no), through the consent module as the page records it.
 */
export async function saidYesToBeingFound(db: Database, userId: number): Promise<void> {
  await setConsents(db, userId, { discoverable: true });
}

export interface Person {
  userId: number;
  xId: string;
}

/**
 * A user with an archive (following / followers), proven or not. A proven person answered yes
 * to "let the people who followed you on X find you here" unless `discoverable` says otherwise
 * (null: not answered yet).
 */
export async function person(
  db: Database,
  xId: string,
  opts: {
    following?: string[];
    followers?: string[];
    blocking?: string[];
    muting?: string[];
    proven?: boolean;
    discoverable?: boolean | null;
  } = {},
): Promise<Person> {
  const [row] = await db.query<{ id: string }>(`INSERT INTO users DEFAULT VALUES RETURNING id`);
  const userId = Number(row?.id);
  await importArchiveForUser(db, userId, archive(xId, opts.following ?? [], opts.followers ?? [], opts));
  if (opts.proven) await recordXProof(db, { id: xId, username: `u${xId}`, name: `User ${xId}` }, userId);
  const discoverable = opts.discoverable === undefined ? opts.proven : opts.discoverable;
  if (typeof discoverable === 'boolean') await setConsents(db, userId, { discoverable });
  await onUserChanged(db, userId);
  return { userId, xId };
}

/** Links a network account the way the engine's linking flow would, then runs the hook. */
export async function link(
  db: Database,
  who: Person,
  platform: 'bluesky' | 'mastodon',
  name = `p${who.xId}`,
) {
  const account =
    platform === 'bluesky'
      ? { accountId: `did:plc:${name}`, handle: `${name}.test`, instance: null }
      : { accountId: `social.test:${who.userId}`, handle: `${name}@social.test`, instance: 'social.test' };
  await db.query(
    `INSERT INTO linked_accounts (user_id, platform, account_id, handle, instance) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, platform) DO UPDATE SET account_id = EXCLUDED.account_id, handle = EXCLUDED.handle,
       status = 'active'`,
    [who.userId, platform, account.accountId, account.handle, account.instance],
  );
  await onUserChanged(db, who.userId);
  return platform === 'bluesky' ? account.accountId : account.handle;
}

export async function tasks(db: Database, userId: number) {
  return db.query<{ platform: string; target: string; target_x_id: string; state: string; reason: string }>(
    `SELECT platform, target, target_x_id, state, reason FROM follow_tasks WHERE user_id = $1 ORDER BY platform, target`,
    [userId],
  );
}

export async function tasksTo(db: Database, target: string) {
  const rows = await db.query<{ user_id: string; state: string }>(
    `SELECT user_id, state FROM follow_tasks WHERE target = $1 ORDER BY user_id`,
    [target],
  );
  return rows.map((r) => ({ userId: Number(r.user_id), state: r.state }));
}
