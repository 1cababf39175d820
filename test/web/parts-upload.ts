// Helpers of the archive-parts tests: small parts (PART_IDS ids), so a few thousand ids take several.
import { expect } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createApp } from '../../src/web/app.ts';
import { archiveBody, TestBrowser } from './client.ts';

export const PART_IDS = 500;
export const ids = (n: number, base: number) => Array.from({ length: n }, (_, i) => String(base + i * 13));

export type Lists = { following: string[]; followers: string[]; blocking?: string[]; muting?: string[] };

export function appFor(database: Database) {
  return createApp({ database, config: { uploadParts: { maxIds: PART_IDS, maxBytes: 16 * 1024 } } });
}

export function startBody(accountId: string, lists: Lists) {
  const { following, followers, ...rest } = archiveBody(accountId, [], []);
  const counts = {
    following: lists.following.length,
    followers: lists.followers.length,
    blocking: lists.blocking?.length ?? 0,
    muting: lists.muting?.length ?? 0,
  };
  return { ...rest, counts, partSize: PART_IDS };
}

export async function start(browser: TestBrowser, accountId: string, lists: Lists): Promise<number> {
  const res = await browser.request('POST', '/api/archive/uploads', { body: startBody(accountId, lists) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { upload: { id: number } }).upload.id;
}

export function sendPart(browser: TestBrowser, id: number, list: string, part: number, partIds: string[]) {
  return browser.request('PUT', `/api/archive/uploads/${id}/${list}/${part}`, { body: { ids: partIds } });
}

/** Sends every part of every list (but `skip`, as 'list/part'). */
export async function sendAll(browser: TestBrowser, id: number, lists: Lists, skip?: string): Promise<void> {
  for (const [list, all] of Object.entries(lists))
    for (let part = 0; part * PART_IDS < all.length; part++) {
      if (skip === `${list}/${part}`) continue;
      const res = await sendPart(browser, id, list, part, all.slice(part * PART_IDS, (part + 1) * PART_IDS));
      expect(res.status, await res.clone().text()).toBe(200);
    }
}

export const finish = (browser: TestBrowser, id: number) =>
  browser.request('POST', `/api/archive/uploads/${id}/finish`, { body: {} });

export async function edges(database: Database, userId: number): Promise<Record<number, string[]>> {
  const rows = await database.query<{ direction: number; x_id: string }>(
    'SELECT direction, x_id FROM x_edges WHERE user_id = $1 ORDER BY direction, x_id',
    [userId],
  );
  const out: Record<number, string[]> = {};
  for (const r of rows) {
    out[r.direction] ??= [];
    out[r.direction]?.push(r.x_id);
  }
  return out;
}

export const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;
export const sorted = (list: string[]) => [...new Set(list)].sort();

/** Alice and Bob, each signed in in their own browser. */
export async function twoUsers(app: ReturnType<typeof appFor>) {
  const alice = new TestBrowser(app);
  const aliceId = await alice.signIn();
  const bob = new TestBrowser(app);
  await bob.signIn();
  return { alice, aliceId, bob };
}
