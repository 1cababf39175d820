// Counts over the graph store, for the public counter and the operator.
import type { Database } from '../db/index.ts';

export interface GraphCounts {
  users: number;
  archives: number;
  edges: number;
}

export async function graphCounts(database: Database): Promise<GraphCounts> {
  const [row] = await database.query<GraphCounts>(
    `SELECT (SELECT count(*) FROM users)::int AS users,
            (SELECT count(DISTINCT user_id) FROM archive_imports)::int AS archives,
            (SELECT count(*) FROM x_edges)::bigint::float8 AS edges`,
  );
  return row ?? { users: 0, archives: 0, edges: 0 };
}
