// Each person's circles: the follow graph between Passerelle's users (from their archives) is
// split into clusters on a schedule (detect.ts) and stored; a person's circles are the few
// clusters their X contacts fall in, named after the most-followed of those contacts (only people
// who let others find them), with the share already moved (a linked network account).
import type { Database } from '../db/index.ts';
import { type EdgeList, louvainPartition } from './detect.ts';

/** Directed X follows between users, one row per (follower, followed), from either archive. */
const USER_FOLLOWS = `
  SELECT DISTINCT CASE WHEN e.direction = 1 THEN e.user_id ELSE v.id END AS f,
                  CASE WHEN e.direction = 1 THEN v.id ELSE e.user_id END AS t
    FROM x_edges e JOIN users v ON v.x_account_id = e.x_id
   WHERE v.id <> e.user_id`;

export interface UserGraph {
  edges: EdgeList;
  userIds: number[];
  /** Followers of each node among users. */
  followers: Int32Array;
}

/** The undirected user graph: a follow either way is an edge, weight 2 when mutual. */
export async function loadUserGraph(database: Database): Promise<UserGraph> {
  const rows = await database.query<{ a: string; b: string; w: number; fa: number; fb: number }>(
    `SELECT least(f, t) AS a, greatest(f, t) AS b, count(*)::int AS w,
            count(*) FILTER (WHERE t = least(f, t))::int AS fa, count(*) FILTER (WHERE t = greatest(f, t))::int AS fb
       FROM (${USER_FOLLOWS}) d GROUP BY 1, 2`,
  );
  const index = new Map<number, number>();
  const userIds: number[] = [];
  const node = (id: number) => {
    let i = index.get(id);
    if (i === undefined) {
      i = userIds.length;
      index.set(id, i);
      userIds.push(id);
    }
    return i;
  };
  const source = new Int32Array(rows.length);
  const target = new Int32Array(rows.length);
  const weight = new Float64Array(rows.length);
  const followerPairs: number[] = [];
  rows.forEach((r, k) => {
    source[k] = node(Number(r.a));
    target[k] = node(Number(r.b));
    weight[k] = r.w;
    followerPairs.push(r.fa, r.fb);
  });
  const followers = new Int32Array(userIds.length);
  rows.forEach((_, k) => {
    const a = source[k] as number;
    const b = target[k] as number;
    followers[a] = (followers[a] ?? 0) + (followerPairs[2 * k] as number);
    followers[b] = (followers[b] ?? 0) + (followerPairs[2 * k + 1] as number);
  });
  return { edges: { nodes: userIds.length, source, target, weight }, userIds, followers };
}

export interface CircleRun {
  users: number;
  edges: number;
  circles: number;
  modularity: number;
  durationMs: number;
}

/** Detects the circles and replaces the stored ones in one transaction. */
export async function computeCircles(database: Database): Promise<CircleRun> {
  const started = performance.now();
  const graph = await loadUserGraph(database);
  const partition = louvainPartition(graph.edges);
  const run: CircleRun = {
    users: graph.userIds.length,
    edges: graph.edges.source.length,
    circles: partition.count,
    modularity: Number.isFinite(partition.modularity) ? partition.modularity : 0,
    durationMs: 0,
  };
  await database.transaction(async (tx) => {
    await tx.query('DELETE FROM user_circles');
    for (let i = 0; i < graph.userIds.length; i += 20_000) {
      const ids = graph.userIds.slice(i, i + 20_000);
      await tx.query(
        `INSERT INTO user_circles (user_id, circle, followers)
         SELECT u.id, u.circle, u.followers FROM unnest($1::bigint[], $2::int[], $3::int[]) AS u(id, circle, followers)
          WHERE EXISTS (SELECT 1 FROM users WHERE users.id = u.id)`,
        [ids, [...partition.labels.slice(i, i + 20_000)], [...graph.followers.slice(i, i + 20_000)]],
      );
    }
    run.durationMs = Math.round(performance.now() - started);
    await tx.query(
      `INSERT INTO circle_runs (users, edges, circles, modularity, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
      [run.users, run.edges, run.circles, run.modularity, run.durationMs],
    );
  });
  return run;
}

/** When circles were last computed (null: never). */
export async function lastCircleRun(database: Database): Promise<Date | null> {
  const [row] = await database.query<{ at: Date | string | null }>(
    'SELECT max(computed_at) AS at FROM circle_runs',
  );
  return row?.at ? new Date(row.at) : null;
}

export interface Circle {
  /** The most-followed of the person's contacts in it (X usernames), who let others find them. */
  names: string[];
  /** The person's X contacts in it. */
  size: number;
  /** Of them, already on Bluesky or Mastodon. */
  moved: number;
}

/** A person's circles, largest first. */
export async function circlesOf(database: Database, userId: number, limit = 5): Promise<Circle[]> {
  const rows = await database.query<{ names: string[] | null; size: number; moved: number }>(
    `WITH me AS (SELECT x_account_id FROM users WHERE id = $1),
     contacts AS (
       SELECT v.id FROM x_edges e JOIN users v ON v.x_account_id = e.x_id WHERE e.user_id = $1 AND v.id <> $1
       UNION
       SELECT e.user_id FROM x_edges e, me WHERE e.x_id = me.x_account_id AND e.user_id <> $1)
     SELECT (array_agg(xa.username ORDER BY uc.followers DESC, xa.username)
               FILTER (WHERE xa.username IS NOT NULL AND coalesce(c.discoverable, true)))[1:3] AS names,
            count(*)::int AS size,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM linked_accounts la WHERE la.user_id = k.id AND la.status = 'active'))::int AS moved
       FROM contacts k
       JOIN user_circles uc ON uc.user_id = k.id
       JOIN users u ON u.id = k.id
       LEFT JOIN x_accounts xa ON xa.id = u.x_account_id
       LEFT JOIN user_consents c ON c.user_id = k.id
      GROUP BY uc.circle ORDER BY count(*) DESC, uc.circle LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({ names: r.names ?? [], size: r.size, moved: r.moved }));
}
