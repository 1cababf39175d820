// Migration 0010 tells held follow tasks apart: waiting for activation day, or paused because
// automatic mode is off. Replayed on tasks held the old way, it keeps the meaning they had: the
// switch-on released automatic-mode users' held tasks only, so the others are paused.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';

const MIGRATION = new URL('../../src/db/migrations/0010_held_for.sql', import.meta.url);

const statements = () =>
  readFileSync(MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

describeEachDatabase('migration 0010: why a follow is held', (db) => {
  it('held tasks of automatic-mode users wait for activation day, the others are paused', async () => {
    await db().query('ALTER TABLE follow_tasks DROP CONSTRAINT follow_tasks_held_for_check');
    await db().query('ALTER TABLE follow_tasks DROP COLUMN held_for');
    const user = async (autoFollow: boolean | null) => {
      const [row] = await db().query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
      const id = Number(row?.id);
      if (autoFollow !== null)
        await db().query('INSERT INTO user_consents (user_id, auto_follow) VALUES ($1, $2)', [
          id,
          autoFollow,
        ]);
      return id;
    };
    const automatic = await user(true);
    const manual = await user(false);
    const noConsents = await user(null);
    for (const [id, state] of [
      [automatic, 'held'],
      [automatic, 'pending'],
      [manual, 'held'],
      [manual, 'done'],
      [noConsents, 'held'],
    ] as const)
      await db().query(
        `INSERT INTO follow_tasks (user_id, platform, target, state) VALUES ($1, 'bluesky', $2, $3)`,
        [id, `did:plc:${id}-${state}`, state],
      );

    for (const statement of statements()) await db().query(statement);

    const rows = await db().query<{ user_id: string; state: string; held_for: string | null }>(
      `SELECT user_id, state, held_for FROM follow_tasks WHERE user_id = ANY($1::bigint[]) ORDER BY user_id, state`,
      [[automatic, manual, noConsents]],
    );
    expect(rows.map((r) => [Number(r.user_id), r.state, r.held_for])).toEqual([
      [automatic, 'held', 'activation'],
      [automatic, 'pending', null],
      [manual, 'done', null],
      [manual, 'held', 'auto_off'],
      [noConsents, 'held', 'auto_off'],
    ]);
    // From now on a held task always says why, and nothing else does.
    await expect(
      db().query(
        `INSERT INTO follow_tasks (user_id, platform, target, state) VALUES ($1, 'bluesky', 'x', 'held')`,
        [manual],
      ),
    ).rejects.toThrow(/follow_tasks_held_for_check/);
    await expect(
      db().query(
        `INSERT INTO follow_tasks (user_id, platform, target, state, held_for) VALUES ($1, 'bluesky', 'y', 'pending', 'activation')`,
        [manual],
      ),
    ).rejects.toThrow(/follow_tasks_held_for_check/);
  });
});
