// Writes a person makes through a running `passerelle serve` (an archive upload, consent changes),
// each remembered only once the server acknowledged it, and the check that every acknowledged
// write is in the database afterwards.
import { expect } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { DEFAULT_CONSENTS } from '../../src/directory/consent.ts';
import { archiveBody } from '../web/client.ts';
import { remoteBrowser } from './remote-browser.ts';

export interface AcknowledgedUser {
  userId: number;
  xId: string;
  /** Edges of the acknowledged upload (0 until it is acknowledged). */
  edges: number;
  /** The last acknowledged value of the discoverable consent, if any. */
  discoverable?: boolean;
  /** A change sent but not answered: it may or may not have been stored. */
  pendingDiscoverable?: boolean;
}

let nextX = 10n ** 18n;

/** Follow lists of a synthetic owner: X ids as strings, some beyond 2^53. */
function lists(xId: bigint, size: number): { following: string[]; followers: string[] } {
  const ids = Array.from({ length: size }, (_, i) => (xId * 1000n + BigInt(i)).toString());
  return { following: ids.slice(0, size / 2), followers: ids.slice(size / 2) };
}

/**
 * One person: signs in, uploads an archive, flips a consent `flips` times; `ack` is called after
 * each acknowledged step. Requests the server did not answer (killed, 503) leave no record.
 */
export async function personWrites(
  url: string,
  ack: (user: AcknowledgedUser) => void,
  options: { edges?: number; flips?: number } = {},
): Promise<void> {
  const browser = remoteBrowser(url);
  const userId = await browser.signIn();
  nextX += 1n;
  const user: AcknowledgedUser = { userId, xId: nextX.toString(), edges: 0 };
  ack(user);
  const { following, followers } = lists(nextX, options.edges ?? 40);
  const upload = await browser.request('POST', '/api/archive', {
    body: archiveBody(user.xId, following, followers),
  });
  if (upload.status !== 200) return;
  user.edges = following.length + followers.length;
  ack(user);
  for (let i = 0; i < (options.flips ?? 2); i += 1) {
    const discoverable = i % 2 === 1;
    user.pendingDiscoverable = discoverable;
    const res = await browser.request('PUT', '/api/consents', { body: { discoverable } });
    if (res.status !== 200) return;
    user.discoverable = discoverable;
    user.pendingDiscoverable = undefined;
    ack(user);
  }
}

/** Every acknowledged user, edge count and consent is in the database. */
export async function expectAcknowledged(
  database: Database,
  users: Iterable<AcknowledgedUser>,
): Promise<void> {
  for (const user of users) {
    const [row] = await database.query<{ x: string | null; edges: number; discoverable: boolean | null }>(
      `SELECT u.x_account_id AS x,
              (SELECT count(*) FROM x_edges e WHERE e.user_id = u.id)::int AS edges,
              (SELECT discoverable FROM user_consents c WHERE c.user_id = u.id) AS discoverable
         FROM users u WHERE u.id = $1`,
      [user.userId],
    );
    expect(row, `user ${user.userId}`).toBeDefined();
    if (user.edges > 0) expect({ x: row?.x, edges: row?.edges }).toEqual({ x: user.xId, edges: user.edges });
    if (user.discoverable !== undefined)
      // No consents row: the defaults hold (a change to the default value stores nothing).
      expect([user.discoverable, user.pendingDiscoverable]).toContain(
        row?.discoverable ?? DEFAULT_CONSENTS.discoverable,
      );
  }
}
