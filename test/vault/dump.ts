// Every row of every table as text: what a database dump would show.
import type { Database } from '../../src/db/index.ts';

export async function dumpDatabase(database: Database): Promise<string> {
  const tables = await database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await database.query<{ row: unknown }>(
      `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
    );
    parts.push(`-- ${table_name}`, ...rows.map((r) => String(r.row)));
  }
  return parts.join('\n');
}
