// The public page /@x_username: a person's new accounts, for the people who followed them on X.
// Off until the person turns it on; only for a proven X account (an archive alone could name
// anyone's username), and it shows nothing but the X username and the linked accounts.
import type { Database } from '../db/index.ts';
import { network } from '../platforms/registry.ts';

export interface NewAccount {
  platform: 'bluesky' | 'mastodon';
  handle: string;
  /** The profile's address on its network. */
  url: string;
  /** Mastodon: the server's origin (its share page is INSTANCE/share). */
  instance: string | null;
}

export interface ShareState {
  /** The proven X username, or null (no proof yet: no public page possible). */
  username: string | null;
  publicPage: boolean;
  accounts: NewAccount[];
}

export interface PublicPage {
  username: string;
  accounts: NewAccount[];
}

export class PublicPageError extends Error {
  readonly code = 'PUBLIC_PAGE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'PublicPageError';
  }
}

/** X usernames: 1 to 15 letters, digits or underscores. */
export const X_USERNAME = /^[A-Za-z0-9_]{1,15}$/;

async function newAccounts(database: Database, userId: number): Promise<NewAccount[]> {
  const rows = await database.query<{
    platform: 'bluesky' | 'mastodon';
    handle: string;
    instance: string | null;
  }>(
    `SELECT platform, handle, instance FROM linked_accounts
      WHERE user_id = $1 AND status <> 'unlinked' AND platform IN ('bluesky', 'mastodon') ORDER BY platform`,
    [userId],
  );
  return rows.flatMap((r) => {
    const profile = network(r.platform).publicProfile?.(r);
    return profile ? [{ platform: r.platform, handle: r.handle, ...profile }] : [];
  });
}

async function provenUsername(database: Database, userId: number): Promise<string | null> {
  const [row] = await database.query<{ username: string | null }>(
    `SELECT a.username FROM users u JOIN x_accounts a ON a.id = u.x_account_id
      WHERE u.id = $1 AND u.x_proven_at IS NOT NULL`,
    [userId],
  );
  return row?.username && X_USERNAME.test(row.username) ? row.username : null;
}

/** What the share step needs: the person's new accounts, their X username, the page setting. */
export async function shareState(database: Database, userId: number): Promise<ShareState> {
  const [page] = await database.query<{ enabled: boolean }>(
    'SELECT enabled FROM public_pages WHERE user_id = $1',
    [userId],
  );
  const username = await provenUsername(database, userId);
  return {
    username,
    publicPage: Boolean(page?.enabled) && username !== null,
    accounts: await newAccounts(database, userId),
  };
}

/** Turns the public page on or off; on needs a proven X account with a username. */
export async function setPublicPage(database: Database, userId: number, enabled: boolean): Promise<void> {
  if (enabled && !(await provenUsername(database, userId)))
    throw new PublicPageError(
      'A public page needs your X account proven (sign in with X on the sign-up page) so nobody else can use your name.',
    );
  await database.query(
    `INSERT INTO public_pages (user_id, enabled, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
    [userId, enabled],
  );
}

/** The public page of an X username, or null: unknown, not proven, not opted in, or no account. */
export async function publicPageFor(database: Database, username: string): Promise<PublicPage | null> {
  if (!X_USERNAME.test(username)) return null;
  const rows = await database.query<{ user_id: string | number; username: string }>(
    `SELECT u.id AS user_id, a.username FROM x_accounts a
       JOIN users u ON u.x_account_id = a.id AND u.x_proven_at IS NOT NULL
       JOIN public_pages p ON p.user_id = u.id AND p.enabled
      WHERE lower(a.username) = lower($1)`,
    [username],
  );
  // Two proven accounts under one username (a name changed hands on X): show neither.
  if (rows.length !== 1 || !rows[0]) return null;
  const accounts = await newAccounts(database, Number(rows[0].user_id));
  return accounts.length > 0 ? { username: rows[0].username, accounts } : null;
}
