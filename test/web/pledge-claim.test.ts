// A reached pledge is claimed before its email goes, as the digest does: of two serve processes
// running their housekeeping at once only one sends it; a failed send gives the claim back.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { notifyReachedPledges, type PledgeMail } from '../../src/web/pledge-notify.ts';
import { describeEachDatabase } from '../support/databases.ts';

async function datePledge(database: Database, xId: string, email: string): Promise<number> {
  const [row] = await database.query<{ id: number }>(
    'INSERT INTO users (x_account_id) VALUES ($1) RETURNING id::int AS id',
    [xId],
  );
  const id = row?.id as number;
  await database.query(
    `INSERT INTO pledges (user_id, kind, leave_on, email) VALUES ($1, 'date', '2020-01-01', $2)`,
    [id, email],
  );
  return id;
}

describeEachDatabase('pledge email claims', (db) => {
  it('sends once when two processes notify at the same time', async () => {
    const database = db();
    await datePledge(database, '9100', 'dana@example.org');
    const sent: PledgeMail[] = [];
    let second: Promise<number> | undefined;
    // The first send waits until the second process has run entirely: without a claim, it finds
    // the same pledge still unsent and mails it too.
    const send = async (mail: PledgeMail) => {
      sent.push(mail);
      if (sent.length === 1) {
        second = notifyReachedPledges(database, send);
        await second;
      }
    };
    const first = await notifyReachedPledges(database, send);
    expect(first + ((await second) ?? 0)).toBe(1);
    expect(sent.map((m) => m.to)).toEqual(['dana@example.org']);
  });

  it('gives the claim back when the send fails, so a later run sends it', async () => {
    const database = db();
    const userId = await datePledge(database, '9200', 'eve@example.org');
    const failing = async () => {
      throw new Error('SMTP down');
    };
    await expect(notifyReachedPledges(database, failing)).rejects.toThrow('SMTP down');
    const [row] = await database.query('SELECT notified_at FROM pledges WHERE user_id = $1', [userId]);
    expect(row).toEqual({ notified_at: null });
    const sent: string[] = [];
    expect(await notifyReachedPledges(database, async (m) => void sent.push(m.to))).toBe(1);
    expect(sent).toEqual(['eve@example.org']);
  });
});
