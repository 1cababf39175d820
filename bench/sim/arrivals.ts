// People arriving in the simulator, a simulated step's worth at a time: their user rows and
// archives are bulk-loaded (COPY on PostgreSQL), then each person's consents and links go
// through the product's own code (setConsents, saveLinkedAccount) and the directory hears of
// them once, when the consents come last (setConsents calls applyUserChange) — the end state of
// a sign-up's separate steps, in one transaction per step instead of three or four per person.
import { saveLinkedAccount } from '../../src/accounts/store.ts';
import type { Database } from '../../src/db/index.ts';
import { setConsents } from '../../src/directory/consent.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { accountOf } from './analysis.ts';
import { type Crowd, outsideXId, type Person } from './crowd.ts';

/** Wall milliseconds per phase of the arrivals, summed over the run. */
export interface ArrivalTiming {
  users: number;
  edges: number;
  links: number;
  consentsAndFanOut: number;
}

export const newArrivalTiming = (): ArrivalTiming => ({ users: 0, edges: 0, links: 0, consentsAndFanOut: 0 });

export interface ArrivalContext {
  database: Database;
  vault: Vault;
  crowd: Crowd;
  /** Followers inside the crowd, per person (insideFollowers). */
  followers: number[][];
  /** Crowd index to user id, filled as people arrive. */
  userIds: Map<number, number>;
  timing: ArrivalTiming;
}

/** Rows per COPY chunk (or per INSERT on PGlite). */
const EDGE_CHUNK = 100_000;

/** Inserts everyone in `people`: users, archives, consents, links, then the directory's fan-out. */
export async function arriveTogether(ctx: ArrivalContext, people: Person[]): Promise<void> {
  if (people.length === 0) return;
  const ids = await timed(ctx, 'users', () => insertUsers(ctx, people));
  await timed(ctx, 'edges', () => insertEdges(ctx, people, ids));
  await ctx.database.transaction(async (tx) => {
    await timed(ctx, 'links', async () => {
      for (const [i, p] of people.entries()) await linkAccounts(tx, ctx.vault, p, ids[i] as number);
    });
    // Consents last: setConsents tells the directory (applyUserChange), which then fans out once
    // for everything the person brought.
    await timed(ctx, 'consentsAndFanOut', async () => {
      for (const [i, p] of people.entries())
        await setConsents(tx, ids[i] as number, { discoverable: p.discoverable, autoFollow: p.autoFollow });
    });
  });
}

async function timed<T>(ctx: ArrivalContext, phase: keyof ArrivalTiming, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    ctx.timing[phase] += performance.now() - t0;
  }
}

async function insertUsers(ctx: ArrivalContext, people: Person[]): Promise<number[]> {
  const rows = await ctx.database.query<{ id: string; x_account_id: string }>(
    `INSERT INTO users (x_account_id, x_proven_at)
     SELECT x, CASE WHEN p THEN now() END FROM unnest($1::text[], $2::boolean[]) AS u(x, p)
     RETURNING id, x_account_id`,
    [people.map((p) => p.xId), people.map((p) => p.proven)],
  );
  const byXId = new Map(rows.map((r) => [r.x_account_id, Number(r.id)]));
  return people.map((p) => {
    const id = byXId.get(p.xId) as number;
    ctx.userIds.set(p.index, id);
    return id;
  });
}

/** Every archive edge of a person (following 1, followers 2), inside and outside the crowd. */
function* edgesOf(ctx: ArrivalContext, p: Person): Generator<[number, string]> {
  const people = ctx.crowd.people;
  for (const t of p.following) yield [1, (people[t] as Person).xId];
  for (let k = 0; k < p.outsideFollowing; k++) yield [1, outsideXId(p.index, k, 1)];
  for (const f of ctx.followers[p.index] ?? []) yield [2, (people[f] as Person).xId];
  for (let k = 0; k < p.outsideFollowers; k++) yield [2, outsideXId(p.index, k, 2)];
}

/** Archives as rows written outside any import (edge set 0, shown): COPY chunks, or INSERTs. */
async function insertEdges(ctx: ArrivalContext, people: Person[], ids: number[]): Promise<void> {
  const { database } = ctx;
  const copy = database.copyFrom;
  if (copy) {
    // X ids are digits only: the COPY text format needs no escaping.
    await copy('COPY x_edge_rows (user_id, direction, x_id) FROM STDIN', copyChunks(ctx, people, ids));
    return;
  }
  let users: number[] = [];
  let dirs: number[] = [];
  let xIds: string[] = [];
  const flush = async () => {
    if (users.length === 0) return;
    await database.query(
      `INSERT INTO x_edge_rows (user_id, direction, x_id)
       SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[])`,
      [users, dirs, xIds],
    );
    users = [];
    dirs = [];
    xIds = [];
  };
  for (const [i, p] of people.entries())
    for (const [dir, xId] of edgesOf(ctx, p)) {
      users.push(ids[i] as number);
      dirs.push(dir);
      xIds.push(xId);
      if (users.length >= EDGE_CHUNK / 10) await flush();
    }
  await flush();
}

function* copyChunks(ctx: ArrivalContext, people: Person[], ids: number[]): Generator<string> {
  let lines: string[] = [];
  for (const [i, p] of people.entries())
    for (const [dir, xId] of edgesOf(ctx, p)) {
      lines.push(`${ids[i]}\t${dir}\t${xId}\n`);
      if (lines.length >= EDGE_CHUNK) {
        yield lines.join('');
        lines = [];
      }
    }
  if (lines.length > 0) yield lines.join('');
}

/**
 * The person's accounts, through the accounts module; `withLink` is the directory hearing of the
 * link (a re-authorisation); arrivals leave it out and fan out once after all their links.
 */
export async function linkAccounts(
  database: Database,
  vault: Vault,
  p: Person,
  userId: number,
  withLink?: (tx: Database) => Promise<void>,
): Promise<void> {
  if (p.bluesky)
    await saveLinkedAccount(
      database,
      vault,
      {
        userId,
        platform: 'bluesky',
        accountId: p.bluesky.did,
        handle: `u${p.index}.sim`,
        credentials: { token: 'sim' },
      },
      withLink,
    );
  if (p.mastodon)
    await saveLinkedAccount(
      database,
      vault,
      {
        userId,
        platform: 'mastodon',
        accountId: accountOf(p, 'mastodon') as string,
        handle: p.mastodon.acct,
        instance: `i${p.mastodon.instance}.sim`,
        credentials: { token: 'sim' },
      },
      withLink,
    );
}
